#!/usr/bin/env node
/**
 * Writes the README's pictures of a station screen, from the built server:
 * - docs/board.png (1920x1080) and docs/board-portrait.png (1080x1920): the demo network, with a
 *   delay, a cancellation and a platform change posted first, so they show what the board does
 *   with them (the simulator is off, so the picture is the same each time);
 * - docs/board-disruption.png, docs/board-disruption-portrait.png and docs/board-disruption-de.png:
 *   the disruption fixture the browser tests use (test/support/disruption-fixture.js), posted
 *   through the API to a station of its own.
 *
 *   npm run build && node test/support/board-screenshots.js
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { chromium } = require('playwright-core');
const { disruptionUpdates } = require('./disruption-fixture');

const ROOT = join(__dirname, '../..');
const TOKEN = 'screenshot-token-0123456789abcdef';
const STATION = 'zurich-hb';
/** The disruption fixture's station: named like the demo's, so the picture reads as a real one. */
const DISRUPTED = 'zurich-hb-disrupted';

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
    await postDisruption(base);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
    for (const [file, width, height, path] of [
      ['board.png', 1920, 1080, STATION],
      ['board-portrait.png', 1080, 1920, STATION],
      ['board-disruption.png', 1920, 1080, DISRUPTED],
      ['board-disruption-portrait.png', 1080, 1920, DISRUPTED],
      ['board-disruption-de.png', 1920, 1080, `${DISRUPTED}?lang=de`],
    ]) {
      // Reduced motion: the picture should not catch a row halfway through its highlight.
      const page = await browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
      // The page's clock stands still and moves only when told, so the picture is of a chosen moment.
      await page.clock.install();
      // Turns of a second, so finding the first page moves the clock on by little.
      await page.goto(`${base}/board/${path}${path.includes('?') ? '&' : '?'}turn=1`);
      await page.locator('[data-departure-id]').first().waitFor();
      await page.clock.pauseAt(Date.now() + 1000);
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

/** The disruption fixture, on a station of its own, in one batch. */
async function postDisruption(base) {
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const station = await fetch(`${base}/api/stations/${DISRUPTED}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ name: 'Zürich HB', timezone: 'Europe/Zurich' }),
  });
  if (!station.ok) throw new Error(`PUT station: ${station.status} ${await station.text()}`);
  const res = await fetch(`${base}/api/updates`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ updates: disruptionUpdates(DISRUPTED) }),
  });
  const report = await res.json();
  if (!res.ok || report.rejected > 0) throw new Error(`POST updates: ${res.status} ${JSON.stringify(report)}`);
}

/**
 * Boards with more rows than fit turn pages, and long alerts page too; the picture
 * shows the first page of both. The page's clock is moved on a turn at a time until it does.
 */
async function firstPage(page) {
  const indicator = page.locator('.board header .page [aria-hidden="true"]');
  const alertPages = page.locator('.alerts .progress');
  // The first of the alerts that take turns is a warning, where there is one: the one to show.
  const warningShown = async () =>
    (await page.locator('.alerts .alert.warning').count()) > 0 || (await page.locator('.measure .alert.warning').count()) === 0;
  const atStart = async () =>
    ((await indicator.count()) === 0 || (await indicator.innerText()).startsWith('1/')) &&
    (await warningShown()) &&
    (await alertPages.allInnerTexts()).every((text) => text === '' || text.startsWith('1/'));
  for (let turn = 0; !(await atStart()); turn++) {
    if (turn > 2000) throw new Error('the board never showed its first page');
    await page.clock.runFor(1000);
  }
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
