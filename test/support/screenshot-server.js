/**
 * What the README's picture scripts share (board-screenshots.js, console-screenshot.js): the built
 * server in a temporary data directory on a free port, Chromium, and the disruption fixture posted
 * through the real API.
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

/**
 * Runs `work({ base, browser })` against a fresh built server started with `env` (over the
 * defaults: no simulator, the token above), then stops both and removes the data.
 */
async function withServer(env, work) {
  const dataDir = mkdtempSync(join(tmpdir(), 'headway-shots-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(ROOT, 'dist/server/src/main.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SIMULATOR: 'off', BOARD_ADMIN_TOKEN: TOKEN, ...env },
    stdio: 'ignore',
  });
  let browser;
  try {
    await waitFor(async () => (await fetch(`${base}/api/health`)).ok);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
    await work({ base, browser });
  } finally {
    await browser?.close();
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The disruption fixture, on station `stationId` (created as "Zürich HB"), in one batch. */
async function postDisruption(base, stationId) {
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const station = await fetch(`${base}/api/stations/${stationId}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ name: 'Zürich HB', timezone: 'Europe/Zurich' }),
  });
  if (!station.ok) throw new Error(`PUT station: ${station.status} ${await station.text()}`);
  const res = await fetch(`${base}/api/updates`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ updates: disruptionUpdates(stationId) }),
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

module.exports = { ROOT, TOKEN, withServer, postDisruption };
