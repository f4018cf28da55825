import type { Browser } from 'playwright-core';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('posting an alert in two languages from the console (Chromium)', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t);
  });
  afterEach(() => t.close());

  const alerts = async () => ((await (await t.request('/api/stations/zurich-hb/board')).json()) as { alerts: unknown[] }).alerts;

  it('sends the second language with the alert, and shows what is wrong with it beside its field', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('textbox', { name: 'API token' }).fill(TEST_TOKEN);
    await page.getByLabel('Station').selectOption('zurich-hb');
    await page.getByLabel('Message', { exact: true }).fill('Lifts to platforms 41-44 are out of service');
    await page.getByLabel('Also in').selectOption('de');

    await page.getByLabel('Message in that language (optional)').fill('Lifte zu den Gleisen 41-44 \u202eausser Betrieb');
    await page.getByRole('button', { name: 'Post alert' }).click();
    await page.getByText('translations.de contains a bidirectional control (U+202E)').waitFor();
    expect(await alerts()).toEqual([]);

    await page.getByLabel('Message in that language (optional)').fill('Lifte zu den Gleisen 41-44 ausser Betrieb');
    await page.getByRole('button', { name: 'Post alert' }).click();
    await page.getByText('Alert posted.').waitFor();
    expect(await alerts()).toMatchObject([
      { text: 'Lifts to platforms 41-44 are out of service', translations: { de: 'Lifte zu den Gleisen 41-44 ausser Betrieb' } },
    ]);
    await page.close();
  });
});
