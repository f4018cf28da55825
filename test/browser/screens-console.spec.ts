import type { Browser } from 'playwright-core';
import type { Screen } from '#shared/screens';
import { signInOnPage } from '../support/console-page';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

/** `09:32` in a timezone. */
function clockIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

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

  it('groups a disconnected screen as "offline since …", in station time and without Reload, apart from the connected one', async () => {
    const open = async () => {
      const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
      await screen.goto(`${t.baseUrl}/board/bern`);
      await screen.getByText('Live').waitFor();
      return { screen, id: (await screen.evaluate(() => localStorage.getItem('headway.screenId')))! };
    };
    const up = await open();
    const gone = await open();
    await gone.screen.context().close();
    const listed = async () => (await (await t.request('/api/screens', { auth: true })).json()) as Screen[];
    await waitFor(
      async () => (await listed()).find((s) => s.id === gone.id)?.connected === false,
      15_000,
      'the closed screen listed offline',
    );
    const lastSeenAt = (await listed()).find((s) => s.id === gone.id)!.lastSeenAt;

    // The console's browser is in New York; Bern's clocks are hours ahead.
    const console = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'America/New_York' })).newPage();
    await console.goto(`${t.baseUrl}/admin?view=screens`);
    await signInOnPage(console, TEST_ADMIN);
    const connected = console.getByRole('row', { name: new RegExp(up.id.slice(0, 8)) });
    await connected.getByText('connected', { exact: true }).waitFor();
    await connected.getByRole('button', { name: /Reload/ }).waitFor();
    await console.getByRole('table').getByText('1 connected screens').waitFor();
    expect(await console.getByRole('row', { name: new RegExp(gone.id.slice(0, 8)) }).count()).toBe(0);

    const offline = console.locator('details', { has: console.getByText('1 offline screens') });
    await offline.getByText('1 offline screens').click();
    const item = offline.getByRole('listitem').filter({ hasText: gone.id.slice(0, 8) });
    expect(await item.innerText()).toMatch(
      new RegExp(`^${gone.id.slice(0, 8)} at Bern: offline since \\w{3} \\d{1,2} \\w{3}, ${clockIn(lastSeenAt, 'Europe/Zurich')}`),
    );
    expect(await item.innerText()).not.toContain(clockIn(lastSeenAt, 'America/New_York'));
    // No Reload for it anywhere: a disconnected screen cannot take one.
    expect(await offline.getByRole('button').count()).toBe(0);
    expect(await console.getByRole('button', { name: `Reload screen ${gone.id.slice(0, 8)}` }).count()).toBe(0);
    expect(await console.getByRole('button', { name: `Reload screen ${up.id.slice(0, 8)}` }).count()).toBe(1);
    await console.context().close();
    await up.screen.context().close();
    // Three Chromium contexts: on a busy 2-core machine this takes longer than Jest's default.
  }, 60_000);
});
