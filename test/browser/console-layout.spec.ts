import type { Browser, Locator } from 'playwright-core';
import type { BatchReport } from '#shared/api';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { signInOnPage } from '../support/console-page';
import { ALERTS, DEPARTURES, disruptionUpdates } from '../support/disruption-fixture';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

const SCREEN = { width: 1920, height: 1080 };

/** The element's box lies within the screen as it is, not scrolled. */
async function expectOnScreen(element: Locator): Promise<void> {
  const box = (await element.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(SCREEN.width);
  expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
}

describeBrowser('the console on a 1920×1080 control-room screen, in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t);
    // Zürich HB in the disruption the board tests and the README's console picture use: 62 rows, four alerts.
    const res = await t.request('/api/updates', { method: 'POST', auth: true, json: { updates: disruptionUpdates('zurich-hb') } });
    expect(((await res.json()) as BatchReport).rejected).toBe(0);
  });
  afterEach(() => t.close());

  it('shows the alerts beside the departure table without the page scrolling', async () => {
    const page = await browser.newPage({ viewport: SCREEN });
    await page.goto(`${t.baseUrl}/admin?station=zurich-hb`);
    await signInOnPage(page, TEST_ADMIN);
    await page
      .locator('tr[data-row]')
      .nth(DEPARTURES - 1)
      .waitFor({ state: 'attached' });
    const alerts = page.getByRole('region', { name: 'Alerts', exact: true });
    await alerts
      .getByRole('listitem')
      .nth(ALERTS.length - 1)
      .waitFor();

    // The whole section is on the screen as the page opens: no scrolling of the page brings it there.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectOnScreen(alerts);
    // Not only its frame: its heading and the first alert, which can be read and cleared there.
    await expectOnScreen(alerts.getByRole('heading', { name: 'Current alerts' }));
    await expectOnScreen(alerts.getByRole('listitem').first());
    await page.close();
  });
});
