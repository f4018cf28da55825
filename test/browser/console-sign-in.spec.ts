import type { Browser } from 'playwright-core';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('the console’s sign-in page (Chromium)', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({}, { webDir: WEB_DIR });
  });
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });

  it('opens with the username field focused and nothing in the browser console', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-username');
    // Typed straight away, as an operator at 7 a.m. does.
    await page.keyboard.type('olga');
    expect(await page.getByLabel('Username').inputValue()).toBe('olga');
    expect(errors).toEqual([]);
    await page.close();
  });
});
