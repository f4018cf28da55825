import type { Browser } from 'playwright-core';
import { signInOnPage } from '../support/console-page';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('the screen fleet in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t, 'bern', 'Bern');
  });
  afterEach(() => t.close());

  it('lists a station screen in the console and reloads it from there', async () => {
    const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await screen.goto(`${t.baseUrl}/board/bern`);
    await screen.getByText('Live').waitFor();
    const id = await screen.evaluate(() => localStorage.getItem('headway.screenId'));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    let loads = 0;
    screen.on('load', () => loads++);

    const console = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await console.goto(`${t.baseUrl}/admin?view=screens`);
    await signInOnPage(console, TEST_ADMIN);
    const row = console.getByRole('row', { name: new RegExp(id!.slice(0, 8)) });
    await row.getByText('connected', { exact: true }).waitFor();
    await row.getByRole('button', { name: /Reload/ }).click();
    await console.getByText(/will reload within seconds/).waitFor();

    // The screen reloads its page and comes back with the same id.
    const deadline = Date.now() + 10_000;
    while (loads === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(loads).toBeGreaterThan(0);
    await screen.getByText('Live').waitFor();
    expect(await screen.evaluate(() => localStorage.getItem('headway.screenId'))).toBe(id);
  });
});
