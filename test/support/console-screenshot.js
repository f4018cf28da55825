#!/usr/bin/env node
/**
 * Writes docs/console-table.png (1920x1080): the operator console's departure table during the
 * disruption the browser tests use (test/support/disruption-fixture.js, posted through the API),
 * signed in as the admin, with a search typed and three rows selected, as an operator at work sees it.
 *
 *   npm run build && node test/support/console-screenshot.js
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
const PASSWORD = 'screenshot-admin-password';
const STATION = 'zurich-hb';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'headway-console-shot-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(ROOT, 'dist/server/src/main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'off',
      SIMULATOR: 'off',
      BOARD_ADMIN_TOKEN: TOKEN,
      ADMIN_PASSWORD: PASSWORD,
    },
    stdio: 'ignore',
  });
  let browser;
  try {
    await waitFor(async () => (await fetch(`${base}/api/health`)).ok);
    await postDisruption(base);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    await page.goto(`${base}/admin?station=${STATION}`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr[data-row]').first().waitFor();
    // Three rows selected from the keyboard, the way the tests do it: to the table, select, extend twice.
    for (const key of ['/', 'Enter', 'Space', 'Shift+J', 'Shift+J']) await page.keyboard.press(key);
    await page.locator('[data-console-selected]').first().waitFor();
    await page.screenshot({ path: join(ROOT, 'docs/console-table.png') });
    console.log('wrote docs/console-table.png');
  } finally {
    await browser?.close();
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The disruption fixture in one batch. */
async function postDisruption(base) {
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const station = await fetch(`${base}/api/stations/${STATION}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ name: 'Zürich HB', timezone: 'Europe/Zurich' }),
  });
  if (!station.ok) throw new Error(`PUT station: ${station.status} ${await station.text()}`);
  const res = await fetch(`${base}/api/updates`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ updates: disruptionUpdates(STATION) }),
  });
  const report = await res.json();
  if (!res.ok || report.rejected > 0) throw new Error(`POST updates: ${res.status} ${JSON.stringify(report)}`);
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
