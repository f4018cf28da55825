import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { ScheduleImportReport, ScheduleImportStreamLine } from '#shared/feeds';
import { systemWrite } from '../board-core/write-context';
import { ConfigError, loadConfig } from '../config/app-config';
import { ScheduleImportService } from '../feeds/schedule-import.service';
import { ImportModule } from './import-module';
import { progressBars } from './progress-bars';

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
    // Asks for the server's stages as they happen; a server that does not stream answers plain JSON.
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip', accept: 'application/x-ndjson, application/json' },
    body: new Uint8Array(zip),
  });
  const refused = (status: number, body: { message?: string }) =>
    fail(`The server refused the import (${status}): ${body.message ?? JSON.stringify(body)}`);
  if (!response.ok || !response.headers.get('content-type')?.startsWith('application/x-ndjson')) {
    const body = (await response.json()) as ScheduleImportReport & { message?: string };
    return response.ok ? body : refused(response.status, body);
  }
  const bars = progressBars();
  try {
    for await (const line of ndjsonLines(response)) {
      if (line.type === 'progress') bars.onProgress(line.phase, line.done, line.total);
      else if (line.type === 'report') return line.report;
      else {
        bars.stop();
        return refused(line.error.statusCode, line.error);
      }
    }
  } finally {
    bars.stop();
  }
  return fail('The server ended its answer before the import was done');
}

/** The lines of an NDJSON answer as they arrive. */
async function* ndjsonLines(response: Response): AsyncGenerator<ScheduleImportStreamLine> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as ScheduleImportStreamLine;
  }
  if (pending.trim()) yield JSON.parse(pending) as ScheduleImportStreamLine;
}

async function importHere(feedId: string, zip: Buffer, from?: string, days?: number): Promise<ScheduleImportReport> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(ImportModule.register(config), { logger: ['error', 'warn'] });
  const bars = progressBars();
  try {
    process.stderr.write(`Importing into ${config.dataDir} as feed "${feedId}"\n`);
    return await app.get(ScheduleImportService).import(systemWrite('gtfs-import', 'feed'), feedId, zip, { from, days }, bars.onProgress);
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
