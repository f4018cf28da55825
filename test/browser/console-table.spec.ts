import type { Browser, Page } from 'playwright-core';
import type { Departure } from '#shared/board';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { CountedKeys } from '../support/console-keys';
import { signInOnPage } from '../support/console-page';
import { TOAST_MS } from '../../web/src/lib/console/table-actions.svelte';
import { tableKey } from '../../web/src/lib/console/table-keys';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

/** Zürich HB's rows for these tests: id, minutes from now, line, destination. */
const ROWS = [
  ['ic5', 8, 'IC 5', 'Lausanne'],
  ['s8', 12, 'S8', 'Pfäffikon SZ'],
  ['s3', 16, 'S3', 'Wetzikon'],
  ['ir36', 20, 'IR 36', 'Basel SBB'],
  ['s12', 24, 'S12', 'Seuzach'],
] as const;

/** `11:14` (or `11:14:05`) in a timezone. */
function clockIn(iso: string, timeZone: string, seconds = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** `11:14` at the station. */
function stationClock(iso: string): string {
  return clockIn(iso, 'Europe/Zurich');
}

/** The keys' names in the help, as `KeyboardEvent.key` has them. */
const KEY_NAMES: Record<string, string> = { '↓': 'ArrowDown', '↑': 'ArrowUp', Esc: 'Escape', Space: ' ', Enter: 'Enter', Tab: 'Tab' };

/** A key press on the page (a capital with Shift), as the table's handler sees it. */
function keyEvent(key: string): KeyboardEvent {
  return {
    key,
    shiftKey: /^[A-Z]$/.test(key),
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    defaultPrevented: false,
    target: null,
  } as unknown as KeyboardEvent;
}

describeBrowser('the console departure table, at the keyboard', () => {
  let browser: Browser;
  let t: TestApp;
  const counts: Record<string, number> = {};

  const row = async (id: string) => (await (await t.request(`/api/stations/zurich-hb/departures/${id}`)).json()) as Departure;
  const delayOf = (d: Departure) => (d.expectedTime ? (Date.parse(d.expectedTime) - Date.parse(d.scheduledTime)) / 60_000 : 0);
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await check()).toBe(true);
  };

  /** `timezoneId`: the browser's own zone, when a test must tell station time from it. */
  async function openConsole(path = '/admin', timezoneId?: string): Promise<{ page: Page; keys: CountedKeys }> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, timezoneId });
    await page.goto(`${t.baseUrl}${path}`);
    return { page, keys: new CountedKeys(page) };
  }

  /** Sign-in without the mouse: the username field has the focus on load. */
  async function signInByKeyboard(page: Page, keys: CountedKeys): Promise<void> {
    await page.getByLabel('Username').waitFor();
    await keys.type(TEST_ADMIN.username);
    await keys.press('Tab');
    await keys.type(TEST_ADMIN.password);
    await keys.press('Enter');
    await page.locator('tr[data-row]').first().waitFor();
  }

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
    // One station: the console opens it without being asked.
    await createStation(t, 'zurich-hb', 'Zürich HB');
    for (const [id, minutes, line, destination] of ROWS) {
      const res = await t.request(`/api/stations/zurich-hb/departures/${id}`, {
        method: 'PUT',
        auth: true,
        json: departureBody({ line, destination }, minutes),
      });
      expect(res.status).toBe(201);
    }
  });
  afterEach(() => t.close());

  it('finds "S8 11:14" by typing and delays it +5 with two keys', async () => {
    const { page, keys } = await openConsole();
    await signInByKeyboard(page, keys);
    counts['sign in'] = keys.take();

    const time = stationClock((await row('s8')).scheduledTime);
    await keys.press('/');
    await keys.type(`S8 ${time}`);
    // Only the S8 is left; the others are not shown.
    await page.locator('tr[data-row]').first().waitFor();
    expect(await page.locator('tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['s8']);
    const found = keys.take();
    await keys.press('Enter', '5');
    counts['find S8 11:14 and delay +5'] = found + keys.take();
    await page.getByRole('status').filter({ hasText: 'S8 Pfäffikon SZ: +5 min.' }).waitFor();
    expect(delayOf(await row('s8'))).toBe(5);
    expect(delayOf(await row('ic5'))).toBe(0);

    // Without the colon too, and a second +5 adds to the first.
    await keys.press('/', 'Control+A');
    await keys.type(`s8 ${time.replace(':', '')}`);
    await keys.press('Enter', '+');
    await eventually(async () => delayOf(await row('s8')) === 10);
    await page.close();
  });

  it('cancels three selected rows with a typed reason as one change, undoes them with one key, and keeps the selection over a reload', async () => {
    const { page, keys } = await openConsole();
    await signInByKeyboard(page, keys);
    keys.take();

    // The first three rows: go to the table, select, extend the selection twice.
    await keys.press('/', 'Enter', 'Space', 'Shift+J', 'Shift+J');
    await page.getByText('3 departures (3 selected)').waitFor();
    const updates = page.waitForRequest((req) => req.url().endsWith('/api/updates'));
    await keys.press('c');
    await page.getByRole('dialog').getByLabel('Reason shown to passengers').waitFor();
    await keys.type('Staff shortage');
    await keys.press('Enter');
    counts['select three rows and cancel with a reason'] = keys.take();

    // One request for the three.
    const sent = (await updates).postDataJSON() as { updates: { departureId: string; patch: unknown }[] };
    expect(sent.updates.map((u) => u.departureId)).toEqual(['ic5', 's8', 's3']);
    await page.getByRole('status').filter({ hasText: '3 departures: cancelled.' }).waitFor();
    for (const id of ['ic5', 's8', 's3']) expect(await row(id)).toMatchObject({ status: 'cancelled', cancelReason: 'Staff shortage' });
    expect((await row('ir36')).status).not.toBe('cancelled');

    // A reload (or the link sent to a colleague) keeps the station and the three rows.
    expect(new URL(page.url()).searchParams.get('sel')).toBe('ic5,s8,s3');
    await page.reload();
    await page.locator('tr[data-row]').first().waitFor();
    expect(await page.getByLabel('Station').inputValue()).toBe('zurich-hb');
    await page.getByText('3 departures (3 selected)').waitFor();
    expect(
      await page.locator('tr[data-row]:has(input:checked)').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row'))),
    ).toEqual(['ic5', 's8', 's3']);

    counts['reload keeps station and selection (keys after the reload)'] = keys.take();

    // One undo takes back the one change: all three run again, and "cancelled" is no longer said.
    await keys.press('u');
    counts['undo'] = keys.take();
    await page.getByText(/^Undone/).waitFor();
    for (const id of ['ic5', 's8', 's3']) await eventually(async () => (await row(id)).status !== 'cancelled');
    expect(await page.getByText('3 departures: cancelled.').count()).toBe(0);
    await page.close();
  });

  it('adds two operators’ +5 to one row at once to +10', async () => {
    const pages = await Promise.all([openConsole('/admin?station=zurich-hb&sel=s8'), openConsole('/admin?station=zurich-hb&sel=s8')]);
    for (const { page, keys } of pages) {
      await signInByKeyboard(page, keys);
      await page.getByText('S8 Pfäffikon SZ (1 selected)').waitFor();
      keys.take();
    }
    await Promise.all(pages.map(({ keys }) => keys.press('5')));
    await eventually(async () => delayOf(await row('s8')) === 10);
    counts['two sessions +5 (each)'] = pages[0].keys.take();
    for (const { page } of pages) await page.close();
  });

  it('offers an undo toast after a change, which Ctrl+Z takes back, and which goes by itself', async () => {
    const { page, keys } = await openConsole('/admin?station=zurich-hb&sel=ic5,s8,s3');
    await signInByKeyboard(page, keys);
    await page.getByText('3 departures (3 selected)').waitFor();
    await keys.press('0');
    const toast = page.locator('.toast');
    await toast.getByText('3 departures: +10 min.').waitFor();
    await toast.getByRole('button', { name: 'Undo Ctrl+Z' }).waitFor();
    for (const id of ['ic5', 's8', 's3']) await eventually(async () => delayOf(await row(id)) === 10);

    await keys.press('Control+z');
    for (const id of ['ic5', 's8', 's3']) await eventually(async () => delayOf(await row(id)) === 0);
    await page.getByText(/^Undone/).waitFor();
    await toast.waitFor({ state: 'detached' });

    // Left alone, it goes after a few seconds; the change stays.
    await keys.press('1');
    await toast.getByText('3 departures: +1 min.').waitFor();
    await toast.waitFor({ state: 'detached', timeout: TOAST_MS + 3000 });
    expect(delayOf(await row('s8'))).toBe(1);
    await page.close();
  }, 30_000);

  it('sets a delay with d, a platform with p and reinstates with r, at the keyboard, and a board shows them', async () => {
    // The S3 was cancelled by its feed.
    const s3 = await row('s3');
    await t.request('/api/stations/zurich-hb/departures/s3', {
      method: 'PUT',
      auth: true,
      json: departureBody({ line: 'S3', destination: 'Wetzikon', scheduledTime: s3.scheduledTime, cancelled: true }),
    });
    const board = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await board.goto(`${t.baseUrl}/board/zurich-hb`);
    const boardS8 = board.locator('[data-departure-id="s8"]');
    await boardS8.waitFor();

    const { page, keys } = await openConsole();
    await signInByKeyboard(page, keys);
    keys.take();
    await keys.press('/');
    await keys.type(`S8 ${stationClock((await row('s8')).scheduledTime)}`);
    await keys.press('Enter', 'd');
    await keys.type('7');
    await keys.press('Enter');
    counts['set a delay of 7 min (after finding the row)'] = keys.take();
    await page.getByRole('status').filter({ hasText: 'S8 Pfäffikon SZ: delay 7 min.' }).waitFor();
    expect(delayOf(await row('s8'))).toBe(7);
    await boardS8.getByText('+7').waitFor();

    // Straight on with the next key: the keyboard is back on the row.
    await keys.press('p');
    await keys.type('7');
    await keys.press('Enter');
    counts['set a platform (the row found)'] = keys.take();
    await page.getByRole('status').filter({ hasText: 'S8 Pfäffikon SZ: platform 7.' }).waitFor();
    expect((await row('s8')).platform).toBe('7');
    expect(delayOf(await row('s8'))).toBe(7);
    await boardS8.getByText('7', { exact: true }).waitFor();

    await keys.press('/', 'Control+A');
    await keys.type('S3');
    await keys.press('Enter', 'r');
    await page.getByRole('status').filter({ hasText: 'S3 Wetzikon: reinstated.' }).waitFor();
    expect((await row('s3')).status).not.toBe('cancelled');
    await board.locator('[data-departure-id="s3"]').getByText('Cancelled').waitFor({ state: 'detached' });
    await board.close();
    await page.close();
    // A console and a board: on a busy 2-core machine this takes longer than Jest's default.
  }, 60_000);

  it('keeps the search, the filters and the view in the address, and a reload restores them', async () => {
    // Two arrivals from Pfäffikon SZ, on two lines: the search, the kind and the line filter each take rows away.
    for (const [id, line] of [
      ['s8-arr', 'S8'],
      ['s2-arr', 'S2'],
    ] as const) {
      await t.request(`/api/stations/zurich-hb/departures/${id}`, {
        method: 'PUT',
        auth: true,
        json: departureBody({ kind: 'arrival', line, origin: 'Pfäffikon SZ', destination: 'Zürich HB' }, 14),
      });
    }
    const { page, keys } = await openConsole();
    await signInByKeyboard(page, keys);
    const filters = page.getByRole('search');
    const shown = () => page.locator('tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
    await keys.press('/');
    await keys.type('Pfäffikon');
    await eventually(async () => (await shown()).length === 3);
    await filters.getByLabel('Arrivals').check();
    await filters.getByLabel('Line').selectOption('S8');
    await eventually(async () => (await shown()).length === 1);
    expect(await shown()).toEqual(['s8-arr']);

    await page.reload();
    await page.locator('tr[data-row]').first().waitFor();
    expect(await filters.getByRole('searchbox').inputValue()).toBe('Pfäffikon');
    expect(await filters.getByLabel('Arrivals').isChecked()).toBe(true);
    expect(await filters.getByLabel('Line').inputValue()).toBe('S8');
    expect(await shown()).toEqual(['s8-arr']);

    // Another view (tab) is kept over a reload too.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('tr[data-row]').count()).toBe(0);
    await page.close();
  });

  it('lists on the page every key the table answers to', async () => {
    const { page, keys } = await openConsole();
    await signInByKeyboard(page, keys);
    const help = page.locator('details', { has: page.getByText('Keys', { exact: true }) });
    // Open, and on the screen beside the table.
    expect(await help.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const box = (await help.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const shownKeys = new Set((await help.locator('kbd').allInnerTexts()).map((k) => KEY_NAMES[k] ?? k));

    // Every key the table's handler takes (any printable character or named key; capitals with Shift) is on
    // the list, a capital as its letter with Shift.
    const candidates = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), ...Object.values(KEY_NAMES)];
    const handled = candidates.filter((key) => tableKey(keyEvent(key)) !== null);
    expect(handled.length).toBeGreaterThan(10);
    const listed = (key: string) =>
      shownKeys.has(key) || (/^[A-Z]$/.test(key) && shownKeys.has(key.toLowerCase()) && shownKeys.has('Shift'));
    expect(handled.filter((key) => !listed(key))).toEqual([]);
    // And every key listed does something: the table's, or Space and Shift, which the rows' checkboxes take.
    expect([...shownKeys].filter((key) => !handled.includes(key) && key !== ' ' && key !== 'Shift')).toEqual([]);
    await page.close();
  });

  it('shows in the audit log when a change was made to the second, in station time', async () => {
    // The browser is in New York, hours behind Zürich HB's clocks.
    const { page, keys } = await openConsole('/admin?station=zurich-hb&sel=s8', 'America/New_York');
    await signInByKeyboard(page, keys);
    await page.getByText('S8 Pfäffikon SZ (1 selected)').waitFor();
    await keys.press('5');
    await page.getByRole('status').filter({ hasText: 'S8 Pfäffikon SZ: +5 min.' }).waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    const when = page.locator('[data-audit-id]', { hasText: 'S8 Pfäffikon SZ' }).first().locator('time');
    await when.waitFor();
    const at = (await when.getAttribute('datetime'))!;
    const shown = await when.innerText();
    expect(shown).toMatch(/\b\d\d:\d\d:\d\d$/);
    expect(shown.endsWith(clockIn(at, 'Europe/Zurich', true))).toBe(true);
    expect(shown.endsWith(clockIn(at, 'America/New_York', true))).toBe(false);
    await page.close();
  });

  it('selects a row clicked in the live preview, and keeps it on the preview, highlighted', async () => {
    const { page } = await openConsole('/admin?station=zurich-hb');
    await signInOnPage(page, TEST_ADMIN);
    await page.locator('.preview [data-departure-id="s3"]').click();
    await page.getByText('S3 Wetzikon (1 selected)').waitFor();
    expect(new URL(page.url()).searchParams.get('sel')).toBe('s3');
    await page.locator('.preview [data-departure-id="s3"][data-console-selected]').waitFor();
    await page.close();
  });
});
