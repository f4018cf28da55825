import type { Browser } from 'playwright-core';
import { axeViolations, closeBoard, lowContrastTexts, openBoard, putRow } from '../support/board-screen';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

/** The server's Content-Security-Policy forbids inline scripts, which is how axe-core is injected. */
const INJECTABLE = { bypassCSP: true };

describeBrowser('accessibility (axe-core) in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t);
    // Every kind of row and alert the board draws, with line colours that need adjusting for 7:1.
    await putRow(t, 's8', { line: 'S8', lineColor: '#00843d', remarks: ['Extra stop at Hardbrücke'] }, 2);
    await putRow(t, 'ic5', { line: 'IC 5', lineColor: '#d52b1e', destination: 'Lausanne', scheduledPlatform: '31', platform: '7' }, 6);
    await putRow(
      t,
      'ir36',
      { line: 'IR 36', lineColor: '#ffd23f', destination: 'Basel SBB', expectedTime: new Date(Date.now() + 25 * 60_000).toISOString() },
      9,
    );
    await putRow(t, 're', { line: 'RE', lineColor: '#ffffff', destination: 'Chur', cancelled: true, cancelReason: 'Signal failure' }, 12);
    // Running early has a colour (and a word) of its own; three minutes, give or take the minute turning meanwhile.
    const early = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 11 * 60_000).toISOString();
    await putRow(t, 's2', { line: 'S2', lineColor: '#0074bf', destination: 'Ziegelbrücke', expectedTime: early }, 14);
    await putRow(
      t,
      'arr',
      { kind: 'arrival', line: 'S16', lineColor: '#008fc5', destination: 'Zürich HB', origin: 'Herrliberg-Feldmeilen' },
      4,
    );
    for (const severity of ['info', 'warning', 'severe']) {
      await t.request('/api/stations/zurich-hb/alerts', { method: 'POST', auth: true, json: { severity, text: `A ${severity} alert` } });
    }
  });
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });

  it.each([
    ['the default board', ''],
    ['the light theme', '?theme=light'],
    ['the high-contrast theme', '?theme=contrast'],
    ['the German arrivals board', '?mode=arrivals&lang=de'],
    ['a portrait screen', '', { width: 1080, height: 1920 }],
  ])('finds nothing wrong with %s, text contrast 7:1 included', async (_name, query, viewport = { width: 1920, height: 1080 }) => {
    const page = await openBoard(browser, t, query, { viewport, ...INJECTABLE });
    await page.locator('[data-departure-id]').first().waitFor();
    await page.locator('.alerts').waitFor();
    expect(await axeViolations(page, { enhancedContrast: true })).toEqual([]);
    expect(await lowContrastTexts(page, 7)).toEqual([]);
    await closeBoard(page);
  });

  it('finds nothing wrong with the operator console, with a station chosen', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, ...INJECTABLE });
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('textbox', { name: 'API token' }).fill(TEST_TOKEN);
    await page.getByLabel('Station').selectOption('zurich-hb');
    await page.locator('[data-departure-id]').first().waitFor();
    const departure = page.getByLabel('Departure', { exact: true });
    await departure.selectOption({ label: await departure.locator('option', { hasText: 'Lausanne' }).innerText() });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('finds nothing wrong with the station list', async () => {
    const page = await browser.newPage(INJECTABLE);
    await page.goto(t.baseUrl);
    await page.getByRole('link', { name: 'Zürich HB' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  // Last: it stops the server.
  it('finds nothing wrong with a board whose live updates have stopped', async () => {
    const page = await openBoard(browser, t, '', { viewport: { width: 1920, height: 1080 }, ...INJECTABLE });
    await page.locator('[data-departure-id]').first().waitFor();
    await t.close();
    await page.getByText('Live updates paused', { exact: false }).waitFor({ timeout: 5000 });
    expect(await axeViolations(page, { enhancedContrast: true })).toEqual([]);
    expect(await lowContrastTexts(page, 7)).toEqual([]);
    await closeBoard(page);
  });
});
