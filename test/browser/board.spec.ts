import type { Browser } from 'playwright-core';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, putTwoDepartures, startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('station board and operator console in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t);
    await putTwoDepartures(t);
  });
  afterEach(() => t.close());

  it('shows the departures, and a delay posted in /admin reaches a board in another tab without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const board = await context.newPage();
    await board.goto(`${t.baseUrl}/board/zurich-hb`);
    const row = board.locator('li, tr, [role="row"], .row').filter({ hasText: 'Pfäffikon SZ' }).first();
    await row.waitFor();
    await board.getByText('Lausanne').waitFor();
    await board.getByText('Live', { exact: true }).waitFor();

    const admin = await context.newPage();
    await admin.goto(`${t.baseUrl}/admin`);
    await admin.getByRole('textbox', { name: 'API token' }).fill(TEST_TOKEN);
    await admin.getByLabel('Station').selectOption('zurich-hb');
    const departure = admin.getByLabel('Departure', { exact: true });
    await departure.selectOption({ label: await departure.locator('option', { hasText: 'Pfäffikon SZ' }).innerText() });
    await admin.getByLabel('Delay in minutes').fill('16');
    await admin.getByRole('button', { name: 'Post delay' }).click();

    // Over the board's own stream (how fast is the bench's and board-speed.spec.ts's to say).
    await row.getByText('+16').waitFor();
    // The console's own live preview shows it too.
    await admin.locator('[data-departure-id="s8"]').getByText('+16').waitFor();
    await context.close();
  });

  it("shows the server's validation error beside the field, and a wrong token beside the token", async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('textbox', { name: 'API token' }).fill(TEST_TOKEN);
    await page.getByLabel('Station').selectOption('zurich-hb');
    const departure = page.getByLabel('Departure', { exact: true });
    await departure.selectOption({ label: await departure.locator('option', { hasText: 'Lausanne' }).innerText() });
    await page.getByLabel('Delay in minutes').fill('5000');
    await page.getByRole('button', { name: 'Post delay' }).click();
    await page.getByText('delayMinutes must not be greater than 1440').waitFor({ timeout: 3000 });

    await page.getByRole('textbox', { name: 'API token' }).fill('wrong-token-wrong-token');
    await page.getByLabel('Delay in minutes').fill('3');
    await page.getByRole('button', { name: 'Post delay' }).click();
    await page.getByText('The server rejected this token (401)', { exact: false }).waitFor({ timeout: 3000 });
    const ic5 = (await (await t.request('/api/stations/zurich-hb/departures/ic5')).json()) as { expectedTime: string | null };
    expect(ic5.expectedTime).toBeNull();
    await page.close();
  });

  it('goes live again after a server restart and shows what changed meanwhile', async () => {
    const dataDir = t.config.dataDir;
    const port = Number(new URL(t.baseUrl).port);
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/board/zurich-hb`);
    await page.getByText('Lausanne').waitFor();
    await t.app.close();
    await page.getByText('Live updates paused', { exact: false }).waitFor({ timeout: 5000 });

    const again = await startTestApp({}, { webDir: WEB_DIR }, { dataDir, port });
    try {
      await again.request('/api/stations/zurich-hb/departures/ic5', {
        method: 'PATCH',
        auth: true,
        json: { cancelled: true, cancelReason: 'Signal failure' },
      });
      await page.getByText('Signal failure').waitFor({ timeout: 10_000 });
      await page.getByText('Live', { exact: true }).waitFor({ timeout: 5000 });
      expect(await page.getByText('Live updates paused', { exact: false }).count()).toBe(0);
    } finally {
      await page.close();
      await again.close();
    }
  });

  it('says plainly when live updates stop', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/board/zurich-hb`);
    await page.getByText('Lausanne').waitFor();
    await t.close();
    await page.getByText('Live updates paused', { exact: false }).waitFor({ timeout: 5000 });
    await page.close();
  });
});
