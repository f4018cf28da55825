import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { MultiBar, Presets } from 'cli-progress';
import type { ScheduleImportReport } from '#shared/feeds';
import { systemWrite } from '../board-core/write-context';
import { ConfigError, loadConfig } from '../config/app-config';
import { ScheduleImportService } from '../feeds/schedule-import.service';
import { ImportModule } from './import-module';

const USAGE = `Usage: npm run import:gtfs -- <gtfs.zip | https://…/gtfs.zip> [options]

Imports a GTFS schedule: its stations, lines and the departures of a window of service days.
When a Headway server answers at --server, the schedule is sent to it (open boards update at
once); otherwise it is written straight into DATA_DIR.

Options:
  --feed <id>        feed id, also the prefix of its station ids (default: from the file name)
  --from <date>      first service day, YYYY-MM-DD (default: today in the agency's timezone)
  --days <n>         service days to import (default: GTFS_SERVICE_DAYS, 2)
  --server <url>     a running server (default: http://localhost:$PORT)
  --token <token>    an admin token for --server (default: $HEADWAY_TOKEN, $BOARD_ADMIN_TOKEN,
                     or the token file in DATA_DIR)
  --offline          write into DATA_DIR even when a server answers`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      feed: { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      offline: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length !== 1) return fail(USAGE, values.help ? 0 : 2);
  const config = loadConfig();
  const source = positionals[0];
  const feedId = values.feed ?? feedIdFrom(source);
  if (values.from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.from)) return fail('--from must be a date such as 2026-11-23');
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 14)) return fail('--days must be a whole number from 1 to 14');
  const zip = await load(source);
  const server = (values.server ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const report =
    !values.offline && (await answers(server))
      ? await upload(server, tokenFor(values.token, config.dataDir), feedId, zip, values.from, days)
      : await importHere(feedId, zip, values.from, days);
  printReport(report);
}

function feedIdFrom(source: string): string {
  const name = basename(new URL(source, 'file:///').pathname)
    .replace(/\.zip$/i, '')
    .toLowerCase();
  const id = name
    .replace(/[-_.]?gtfs[-_.]?/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return id || 'gtfs';
}

async function load(source: string): Promise<Buffer> {
  if (/^https?:\/\//i.test(source)) {
    process.stderr.write(`Downloading ${source} …\n`);
    const response = await fetch(source, { signal: AbortSignal.timeout(120_000) });
    if (!response.ok) return fail(`${source} answered ${response.status} ${response.statusText}`);
    return Buffer.from(await response.arrayBuffer());
  }
  if (!existsSync(source)) return fail(`No such file: ${source}`);
  return readFileSync(source);
}

async function answers(server: string): Promise<boolean> {
  try {
    return (await fetch(`${server}/api/health`, { signal: AbortSignal.timeout(1_500) })).ok;
  } catch {
    return false;
  }
}

function tokenFor(given: string | undefined, dataDir: string): string {
  const token = given ?? process.env.HEADWAY_TOKEN ?? process.env.BOARD_ADMIN_TOKEN;
  if (token) return token;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return fail(`A server answers but no admin token was given: pass --token, set HEADWAY_TOKEN, or use --offline`);
}

async function upload(
  server: string,
  token: string,
  feedId: string,
  zip: Buffer,
  from?: string,
  days?: number,
): Promise<ScheduleImportReport> {
  process.stderr.write(`Sending ${(zip.length / 1024).toFixed(0)} kB to ${server} as feed "${feedId}" …\n`);
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(days ? { days: String(days) } : {}) });
  const response = await fetch(`${server}/api/feeds/${encodeURIComponent(feedId)}/schedule?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: new Uint8Array(zip),
  });
  const body = (await response.json()) as ScheduleImportReport & { message?: string };
  if (!response.ok) return fail(`The server refused the import (${response.status}): ${body.message ?? JSON.stringify(body)}`);
  return body;
}

async function importHere(feedId: string, zip: Buffer, from?: string, days?: number): Promise<ScheduleImportReport> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(ImportModule.register(config), { logger: ['error', 'warn'] });
  const bars = new MultiBar(
    { format: ' {phase} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const phases = new Map<string, ReturnType<MultiBar['create']>>();
  try {
    process.stderr.write(`Importing into ${config.dataDir} as feed "${feedId}"\n`);
    return await app
      .get(ScheduleImportService)
      .import(systemWrite('gtfs-import', 'feed'), feedId, zip, { from, days }, (phase, done, total) => {
        const label = phase.padEnd(14);
        let bar = phases.get(phase);
        if (!bar) phases.set(phase, (bar = bars.create(total ?? done, done, { phase: label })));
        if (total === null && done > bar.getTotal()) bar.setTotal(done);
        bar.update(done, { phase: label });
      });
  } finally {
    bars.stop();
    await app.close();
  }
}

function printReport(r: ScheduleImportReport): void {
  process.stdout.write(
    `\nFeed "${r.feedId}": ${r.stations} stations, ${r.routes} lines, ${r.trips} runs of trips on ${r.window.days} service day(s) from ${r.window.from}\n` +
      `Board rows: ${r.rows.created} created, ${r.rows.changed} changed, ${r.rows.removed} removed, ${r.rows.unchanged} unchanged` +
      `${r.overridesKept ? `; ${r.overridesKept} operator overrides kept` : ''} (${(r.durationMs / 1000).toFixed(1)} s)\n`,
  );
  if (r.warning) process.stderr.write(`\n${r.warning}\n`);
}

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? ((error as { response?: { message?: string } }).response?.message ?? error.message)
        : String(error);
  process.stderr.write(`Import failed: ${message}\n`);
  process.exit(1);
});
