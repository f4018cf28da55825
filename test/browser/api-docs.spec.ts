import type { Browser } from 'playwright-core';
import { browserTestsCanRun, launchBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('the API docs page in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });

  it("runs Swagger UI under the app's Content-Security-Policy, from the app alone", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(t.baseUrl)) problems.push(`request off the app: ${request.url()}`);
    });
    try {
      await page.goto(`${t.baseUrl}/api/docs`);
      await page.waitForSelector('.opblock-tag-section');
      expect(await page.locator('.info .title').textContent()).toMatch(/^Headway API/);
      // Try a route out: the page may call the API (connect-src 'self').
      await page.locator('.opblock-get .opblock-summary-path[data-path="/api/health"]').click();
      await page.getByRole('button', { name: 'Try it out' }).click();
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.locator('.responses-table.live-responses-table .response-col_status', { hasText: '200' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
