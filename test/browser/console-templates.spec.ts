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

  const row = async (id: string) => (await (await t.request(`/api/stations/zurich-hb/departures/${id}`)).json()) as Departure;
  const putTemplate = (id: string, json: unknown) => t.request(`/api/templates/${id}`, { method: 'PUT', auth: true, json });

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
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
    // Keyboard only: to the template list, pick it, and confirm.
    await keys.press('Shift+Tab');
    await dialog.getByLabel('Template').selectOption({ label: 'Signal failure' });
    keys.count++;
    expect(await dialog.getByLabel('Reason shown to passengers').inputValue()).toBe('Signal failure');
    await dialog.getByLabel('Reason shown to passengers').press('Enter');
    keys.count++;
    const presses = keys.take();
    await page.getByText('3 departures: cancelled.').waitFor();
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
    await page.locator('body').focus();
    await keys.press('u');
    for (const id of ['ic5', 's8', 's3']) {
      for (let i = 0; i < 50 && (await row(id)).status === 'cancelled'; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await row(id)).status).not.toBe('cancelled');
    }
    await page.getByText(/^Undone/).waitFor();
    await keys.press('u');
    await page.getByText('Nothing of yours left to undo at this station.').waitFor();
    for (const id of ['ic5', 's8', 's3']) expect((await row(id)).status).not.toBe('cancelled');
    await page.close();
  });

  it('posts a severe alert from a template, in English and German, and a German board shows the German text', async () => {
    const { page } = await signedIn();
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Platform evacuation' });
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('Leave platforms 41-44 now');
    expect(await page.getByLabel('Message in that language (optional)').inputValue()).toBe('Gleise 41-44 sofort verlassen');
    await page.getByRole('button', { name: 'Post alert' }).click();
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
});
