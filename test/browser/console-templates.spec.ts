import type { Browser, Page } from 'playwright-core';
import type { Board, Departure } from '#shared/board';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { CountedKeys } from '../support/console-keys';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

describeBrowser('disruption templates in the console, at the keyboard', () => {
  let browser: Browser;
  let t: TestApp;
  const counts: Record<string, number> = {};

  const row = async (id: string) => (await (await t.request(`/api/stations/zurich-hb/departures/${id}`)).json()) as Departure;
  const putTemplate = (id: string, json: unknown) => t.request(`/api/templates/${id}`, { method: 'PUT', auth: true, json });

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    // The cost of each flow, for the closing note.
    console.log(`keystrokes per flow: ${JSON.stringify(counts)}`);
  });
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t, 'zurich-hb', 'Zürich HB');
    for (const [id, minutes] of [
      ['ic5', 8],
      ['s8', 12],
      ['s3', 16],
    ] as const) {
      await t.request(`/api/stations/zurich-hb/departures/${id}`, { method: 'PUT', auth: true, json: departureBody({}, minutes) });
    }
    await putTemplate('signal-failure', { name: 'Signal failure', use: 'reason', texts: { en: 'Signal failure', de: 'Stellwerkstörung' } });
    await putTemplate('platform-evacuation', {
      name: 'Platform evacuation',
      use: 'alert',
      severity: 'severe',
      texts: { en: 'Leave platforms 41-44 now', de: 'Gleise 41-44 sofort verlassen' },
    });
  });
  afterEach(() => t.close());

  async function signedIn(): Promise<{ page: Page; keys: CountedKeys }> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${t.baseUrl}/admin`);
    const keys = new CountedKeys(page);
    await page.getByLabel('Username').waitFor();
    await keys.type(TEST_ADMIN.username);
    await keys.press('Tab');
    await keys.type(TEST_ADMIN.password);
    await keys.press('Enter');
    await page.locator('tr[data-row]').first().waitFor();
    keys.take();
    return { page, keys };
  }

  it('cancels three rows with a template reason, which German boards show in German, and undoes twice', async () => {
    const { page, keys } = await signedIn();
    await keys.press('/', 'Enter', 'Space', 'Shift+J', 'Shift+J', 'c');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Template').waitFor();
    // Keyboard only: back to the template list, pick it by its first letter, and confirm.
    await keys.press('Shift+Tab');
    await keys.type('S');
    expect(await dialog.getByLabel('Reason shown to passengers').inputValue()).toBe('Signal failure');
    await keys.press('Enter');
    const presses = keys.take();
    await page.getByRole('status').filter({ hasText: '3 departures: cancelled.' }).waitFor();
    for (const id of ['ic5', 's8', 's3']) {
      expect(await row(id)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Signal failure',
        textTranslations: { 'Signal failure': { de: 'Stellwerkstörung' } },
      });
    }
    expect(presses).toBeLessThanOrEqual(9);

    // A German board shows the template's German text.
    const board = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await board.goto(`${t.baseUrl}/board/zurich-hb?lang=de`);
    await board.getByText('Stellwerkstörung').first().waitFor();
    await board.close();

    // Undo twice: the cancellation of the three, then nothing else of this operator's is left.
    await keys.press('u');
    for (const id of ['ic5', 's8', 's3']) {
      for (let i = 0; i < 50 && (await row(id)).status === 'cancelled'; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await row(id)).status).not.toBe('cancelled');
    }
    await page.getByText(/^Undone/).waitFor();
    await keys.press('u');
    await page.getByText('Nothing of yours left to undo at this station.').waitFor();
    counts['cancel three rows with a template reason'] = presses;
    counts['undo twice'] = keys.take();
    for (const id of ['ic5', 's8', 's3']) expect((await row(id)).status).not.toBe('cancelled');
    await page.close();
  });

  it('posts a severe alert from a template, in English and German, and a German board shows the German text', async () => {
    const { page, keys } = await signedIn();
    // `n` goes to the alert form's template list; its first letters pick one; Tab to the message, Enter posts.
    await keys.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/-template$/);
    await keys.type('P');
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('Leave platforms 41-44 now');
    expect(await page.getByLabel('Message in that language (optional)').inputValue()).toBe('Gleise 41-44 sofort verlassen');
    await keys.press('Tab', 'Tab', 'Enter');
    counts['post a severe alert from a template'] = keys.take();
    expect(counts['post a severe alert from a template']).toBeLessThanOrEqual(5);
    await page.getByText('Alert posted.').waitFor();
    const alerts = ((await (await t.request('/api/stations/zurich-hb/board')).json()) as Board).alerts;
    expect(alerts).toMatchObject([
      { severity: 'severe', text: 'Leave platforms 41-44 now', translations: { de: 'Gleise 41-44 sofort verlassen' } },
    ]);

    const board = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await board.goto(`${t.baseUrl}/board/zurich-hb?lang=de`);
    await board.locator('.alerts').getByText('Gleise 41-44 sofort verlassen').waitFor();
    await board.close();
    await page.close();
  });

  it('lets an admin keep templates in the console, in English and German', async () => {
    const { page } = await signedIn();
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByLabel('Name').fill('Staff shortage');
    await page.getByLabel('Text in English').fill('Staff shortage');
    await page.getByLabel('Text in German (optional)').fill('Personalmangel');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template “Staff shortage” saved.').waitFor();
    await page
      .getByRole('row', { name: /Staff shortage/ })
      .getByText('Personalmangel')
      .waitFor();
    const listed = (await (await t.request('/api/templates', { auth: true })).json()) as Array<{ id: string; texts: unknown }>;
    expect(listed.find((x) => x.id === 'staff-shortage')?.texts).toEqual({ en: 'Staff shortage', de: 'Personalmangel' });
    await page.close();
  });

  it('shows in the audit log who changed a template and its texts before and after', async () => {
    await putTemplate('signal-failure', { name: 'Signal failure', use: 'reason', texts: { en: 'Signal failure', de: 'Signalstörung' } });
    await t.request('/api/templates/platform-evacuation', { method: 'DELETE', auth: true });
    const { page } = await signedIn();
    await page.getByRole('link', { name: 'Audit log' }).click();
    const changed = page.getByRole('row', { name: /template changed/ });
    await changed.waitFor();
    expect(await changed.locator('td').nth(3).innerText()).toBe('every station');
    expect(await changed.locator('td').nth(5).innerText()).toBe('Template “Signal failure”');
    expect(await changed.locator('.diff li').allInnerTexts()).toEqual([
      expect.stringMatching(/^text \(German\)\s*Stellwerkstörung\s*→\s*became\s*Signalstörung$/),
    ]);
    // A deletion shows what was lost; a creation what was set: never an empty change cell.
    const deleted = page.getByRole('row', { name: /template deleted/ });
    expect(await deleted.locator('.diff li').allInnerTexts()).toContainEqual(
      expect.stringMatching(/^text \(German\)\s*Gleise 41-44 sofort verlassen\s*→\s*became\s*—$/),
    );
    expect(await page.getByRole('row', { name: /template created/ }).count()).toBe(2);
    for (const cell of await page.locator('tr[data-audit-id] td:last-child').allInnerTexts()) expect(cell.trim()).not.toBe('');

    // The filter finds them by kind.
    await page.getByLabel('Action').selectOption({ label: 'template deleted' });
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('1 shown, the oldest included.').waitFor();
    await page.close();
  });
});
