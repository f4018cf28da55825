#!/usr/bin/env node
/**
 * Writes the README's pictures of a station screen: docs/board.png (1920x1080) and
 * docs/board-portrait.png (1080x1920), from the demo network on the built server.
 *
 *   npm run build && node test/support/board-screenshots.js
 *
 * The simulator is off so the picture is the same each time; a delay, a cancellation and a
 * platform change are posted first, so the picture shows what the board does with them.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = join(__dirname, '../..');
const TOKEN = 'screenshot-token-0123456789abcdef';
const STATION = 'zurich-hb';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'headway-shots-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(ROOT, 'dist/server/src/main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'on',
      SIMULATOR: 'off',
      BOARD_ADMIN_TOKEN: TOKEN,
    },
    stdio: 'ignore',
  });
  let browser;
  try {
    await waitFor(async () => (await fetch(`${base}/api/health`)).ok);
    await showChanges(base);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
    for (const [file, width, height] of [
      ['board.png', 1920, 1080],
      ['board-portrait.png', 1080, 1920],
    ]) {
      // Reduced motion: the picture should not catch a row halfway through its highlight.
      const page = await browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
      await page.goto(`${base}/board/${STATION}`);
      await page.locator('[data-departure-id]').first().waitFor();
      await firstPage(page);
      await page.screenshot({ path: join(ROOT, 'docs', file) });
      console.log(`wrote docs/${file}`);
      await page.close();
    }
  } finally {
    await browser?.close();
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Delays the second departure, moves the third to another platform, cancels the fourth. */
async function showChanges(base) {
  const board = await (await fetch(`${base}/api/stations/${STATION}/board`)).json();
  const rows = board.departures.filter((row) => row.kind === 'departure');
  const changes = [
    { delayMinutes: 7 },
    { platform: rows[2]?.scheduledPlatform === '3' ? '4' : '3' },
    { cancelled: true, cancelReason: 'Signal failure near Thalwil' },
  ];
  for (const [i, body] of changes.entries()) {
    const row = rows[i + 1];
    if (!row) break;
    const res = await fetch(`${base}/api/stations/${STATION}/departures/${encodeURIComponent(row.id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`PATCH ${row.id}: ${res.status} ${await res.text()}`);
  }
}

/** Boards with more rows than fit turn pages every 10 s; the picture shows the first. */
async function firstPage(page) {
  const indicator = page.locator('.board header .page [aria-hidden="true"]');
  await waitFor(async () => (await indicator.count()) === 0 || (await indicator.innerText()).startsWith('1/'), 60_000);
}

async function waitFor(check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
