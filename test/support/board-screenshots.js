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
const { join } = require('node:path');
const { ROOT, TOKEN, postDisruption, withServer } = require('./screenshot-server');

const STATION = 'zurich-hb';
/** The disruption fixture's station: named like the demo's, so the picture reads as a real one. */
const DISRUPTED = 'zurich-hb-disrupted';

async function main() {
  await withServer({ DEMO: 'on' }, async ({ base, browser }) => {
    await showChanges(base);
    await postDisruption(base, DISRUPTED);
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
  });
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

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
