import type { Browser } from 'playwright-core';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';
import { zipOfFixture } from '../support/zip-of';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('a headway-based service on the board (GTFS frequencies.txt), in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    // 05:30 in Zürich, before the first tram and bus of the fixture.
    t = await startTestApp({ CLOCK: '2026-12-01T04:30:00Z' }, { webDir: WEB_DIR });
    const res = await t.request('/api/feeds/city/schedule?from=2026-12-01&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(await zipOfFixture('frequencies')),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });

  it('says "every 10 min" once for the bus that runs at a headway, and gives the timed tram its times', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(`${t.baseUrl}/board/city-bellevue?rows=12`);
    await page.locator('li', { hasText: 'every 10 min' }).first().waitFor();
    // Twelve runs stand behind it; the board shows the service once, in its place among the timed rows.
    expect(await page.locator('li', { hasText: 'every 10 min' }).count()).toBe(1);
    const times = (await page.locator('li .sched').allInnerTexts()).map((text) => text.replace(/\u00a0/g, ' '));
    expect(times.slice(0, 4).sort()).toEqual(['06:00', '06:10', '06:20', 'every 10 min']);

    await page.goto(`${t.baseUrl}/board/city-bellevue?rows=12&lang=de`);
    await page.locator('li', { hasText: 'alle 10 Min.' }).first().waitFor();
  }, 60_000);
});
