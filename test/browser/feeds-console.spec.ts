import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { signInOnPage } from '../support/console-page';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { feedBytes } from '../support/gtfs-rt-feeds';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('feeds in the console and on the boards, in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  // Two hours after Caltrain's capture: its data is stale by then.
  beforeEach(async () => {
    t = await startTestApp({ CLOCK: '2023-11-08T01:00:00Z', HEARTBEAT_MS: '1000' }, { webDir: WEB_DIR });
  });
  afterEach(() => t.close());

  it('lets an admin upload a schedule, then shows the realtime match rate and the Caltrain board', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${t.baseUrl}/admin?view=feeds`);
    await signInOnPage(page, TEST_ADMIN);

    await page.getByLabel('Feed id').fill('caltrain');
    await page.getByLabel('GTFS zip').setInputFiles(join(__dirname, '..', 'fixtures', 'gtfs', 'caltrain-gtfs.zip'));
    await page.getByLabel('First service day').fill('2023-11-07');
    await page.getByLabel('Days').fill('1');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported \d+ stations and 104 runs/).waitFor();
    await page.getByRole('heading', { name: /Caltrain/ }).waitFor();

    const pushed = await t.request('/api/feeds/caltrain/gtfs-rt', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array(feedBytes('caltrain-trip-updates.pb')),
    });
    expect(pushed.status).toBe(200);
    await page.reload();
    await page.getByRole('cell', { name: '19 of 19 (100 %)' }).waitFor();
    await page.getByRole('cell', { name: '220 of 220 (100 %)' }).waitFor();

    const board = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    // Trip 124: 17:09 in the timetable, 17:10 in the feed; the screen follows the server's (replayed) clock.
    // A board hides delays under two minutes by default; delay=1 shows this one.
    await board.goto(`${t.baseUrl}/board/caltrain-santa-clara?delay=1`);
    const row = board.locator('li, tr, [role="row"]', { hasText: 'Tamien' }).first();
    await row.getByText('17:10').waitFor();
    expect(await board.getByText(/No live times from Caltrain/).count()).toBe(0);
    // A real import and two Chromium pages: on a busy 2-core machine this takes longer than Jest's default.
  }, 60_000);

  /** The app restarted on `clock`, with Caltrain's schedule imported and its TripUpdates capture pushed. */
  async function caltrainAt(clock: string): Promise<void> {
    await t.close();
    t = await startTestApp({ CLOCK: clock, HEARTBEAT_MS: '1000' }, { webDir: WEB_DIR });
    const zip = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', 'caltrain-gtfs.zip')));
    await t.request('/api/feeds/caltrain/schedule?from=2023-11-07&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: zip,
    });
    await t.request('/api/feeds/caltrain/gtfs-rt', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array(feedBytes('caltrain-trip-updates.pb')),
    });
  }

  it('says on the board when its feed has gone quiet', async () => {
    await caltrainAt('2023-11-08T02:00:00Z');
    const board = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await board.goto(`${t.baseUrl}/board/caltrain-tamien`);
    // The capture's 17:05 (Pacific) is 54 minutes before the replayed clock.
    await board.getByText('No live times from Caltrain since 17:05').waitFor();
  });

  it('measures the data age in the Feeds view by the boards’ clock, not the browser’s', async () => {
    // Two minutes after the capture (01:05:34): by the browser's clock, today, its data is years old.
    await caltrainAt('2023-11-08T01:07:34Z');
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${t.baseUrl}/admin?view=feeds`);
    await signInOnPage(page, TEST_ADMIN);
    const tripUpdates = page.getByRole('row', { name: /^TripUpdates/ });
    await tripUpdates.getByRole('cell', { name: '19 of 19 (100 %)' }).waitFor();
    // Minutes (a few more if this machine is slow), the age a board beside the operator would show.
    await tripUpdates.getByRole('cell', { name: /^[2-9] min$/ }).waitFor({ timeout: 15_000 });
    expect(await tripUpdates.getByText(/days|\d+ h$/).count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
