import type { Browser, Page } from 'playwright-core';
import type { Departure } from '#shared/board';
import { signInOnPage } from '../support/console-page';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { departureBody } from '../support/factories';
import { createStation, putTwoDepartures, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

const OPERATOR = { username: 'olga', password: 'olga-password-for-tests' };

async function chooseDeparture(page: Page, text: string): Promise<void> {
  const picker = page.getByLabel('Departure', { exact: true });
  await picker.selectOption({ label: await picker.locator('option', { hasText: text }).innerText() });
}

/** axe-core in the page (its context needs `bypassCSP`: the CSP forbids the injected script); one line per violation. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> };
    const { violations } = await (window as unknown as { axe: { run(): Promise<Result> } }).axe.run();
    return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

describeBrowser('operator console in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  const row = async (id: string) => (await (await t.request(`/api/stations/zurich-hb/departures/${id}`)).json()) as Departure;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t, 'zurich-hb', 'Zürich HB');
    await createStation(t, 'bern', 'Bern');
    await putTwoDepartures(t);
  });
  afterEach(() => t.close());

  it('lets an admin set up an operator and a feed token, the operator delay and undo live, and the audit show both', async () => {
    // The admin creates an operator limited to one station, and a feed token whose secret is shown once.
    const adminContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const admin = await adminContext.newPage();
    await admin.goto(`${t.baseUrl}/admin`);
    await signInOnPage(admin, TEST_ADMIN);
    await admin.getByText('Administrator').waitFor();

    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByLabel('Username').fill(OPERATOR.username);
    await admin.getByLabel('Password').fill(OPERATOR.password);
    await admin.getByLabel('Role').selectOption('operator');
    await admin.getByLabel('Only these stations').check();
    await admin.getByLabel('Zürich HB').check();
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.getByText('User olga created.').waitFor();
    const olga = admin.getByRole('row').filter({ hasText: 'olga' });
    await olga.getByText('Operator').waitFor();
    expect(await olga.getByRole('cell').nth(1).innerText()).toBe('Zürich HB');

    await admin.getByRole('link', { name: 'API tokens' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('zurich-feed');
    await admin.getByRole('button', { name: 'Create token' }).click();
    await admin.getByText('You will not see this again').waitFor();
    const secret = await admin.getByLabel('Secret for zurich-feed').inputValue();
    expect(secret).toMatch(/^hw_\S{20,}$/);
    await admin.getByRole('button', { name: 'I have saved it' }).click();
    expect(await admin.getByText('You will not see this again').count()).toBe(0);
    expect(await admin.getByText(secret).count()).toBe(0);
    await admin.getByRole('row').filter({ hasText: 'zurich-feed' }).getByText('active').waitFor();

    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.getByRole('heading', { name: 'Sign in' }).waitFor();

    // The operator sees only its station, and a +5 quick action reaches a board in another tab within a second.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const board = await context.newPage();
    await board.goto(`${t.baseUrl}/board/zurich-hb`);
    const s8 = board.locator('[data-departure-id="s8"]');
    await s8.waitFor();
    const operator = await context.newPage();
    await operator.goto(`${t.baseUrl}/admin`);
    await signInOnPage(operator, OPERATOR);
    await operator.getByText('Operator', { exact: true }).waitFor();
    expect(await operator.getByLabel('Station').locator('option:not([disabled])').allInnerTexts()).toEqual(['Zürich HB']);
    expect(await operator.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await chooseDeparture(operator, 'Pfäffikon SZ');
    // The one chosen row's own tools (the table's row and selection bar have a +5 too).
    await operator.locator('[data-console-departure]').getByRole('button', { name: '+5 min' }).click();
    // The open board shows it without a reload (how fast is the bench's to measure, not this test's).
    await s8.getByText('+5').waitFor();
    const delayed = await row('s8');
    expect(Date.parse(delayed.expectedTime!) - Date.parse(delayed.scheduledTime)).toBe(5 * 60_000);
    expect(delayed.override).toMatchObject({ by: 'olga', feed: null });

    await operator.getByRole('button', { name: 'Undo my last change' }).click();
    await operator.getByText('Undone: departure changed, S8 Pfäffikon SZ').waitFor();
    await s8.getByText('+5').waitFor({ state: 'detached' });
    expect(await row('s8')).toMatchObject({ expectedTime: null, override: null });
    await context.close();

    // A feed changes a row with the token; the admin's audit view shows both changes with their sources.
    const fed = await fetch(`${t.baseUrl}/api/stations/zurich-hb/departures/ic5`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: '7' }),
    });
    expect(fed.status).toBe(200);
    await signInOnPage(admin, TEST_ADMIN);
    await admin.getByRole('link', { name: 'Audit log' }).click();
    const entries = admin.locator('[data-audit-id]');
    const byOperator = entries.filter({ hasText: 'olga' }).filter({ hasText: 'undone' });
    await byOperator.waitFor();
    expect(await byOperator.innerText()).toMatch(
      /olga\s+operator\s+Zürich HB\s+departure changed\s+undone\s+S8 Pfäffikon SZ \d\d:\d\d\s+expected\s+—\s+→\s+became\s+\d\d:\d\d \(\+5\)/,
    );
    await entries.filter({ hasText: 'undo: departure changed' }).filter({ hasText: 'olga' }).waitFor();
    const byFeed = entries.filter({ hasText: 'zurich-feed (token)' });
    expect(await byFeed.innerText()).toMatch(
      /zurich-feed \(token\)\s+feed\s+Zürich HB\s+departure changed\s+S8 Lausanne \d\d:\d\d\s+platform\s+33\s+→\s+became\s+7/,
    );

    await admin.getByLabel('Source').selectOption('feed');
    await admin.getByRole('button', { name: 'Show entries' }).click();
    await entries.filter({ hasText: 'olga' }).first().waitFor({ state: 'detached' });
    // The bootstrap token's set-up writes are a feed's too.
    expect(new Set(await entries.locator('td:nth-child(3)').allInnerTexts())).toEqual(new Set(['feed']));
    expect(await entries.filter({ hasText: 'zurich-feed (token)' }).count()).toBe(1);
    await adminContext.close();
    // Two signed-in contexts, a board and a dozen views: on a busy 2-core machine this takes longer than Jest's default.
  }, 60_000);

  it('shows a feed that disagrees with a held row, and hands the row back', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${t.baseUrl}/admin`);
    await signInOnPage(page, TEST_ADMIN);
    await page.getByLabel('Station').selectOption('zurich-hb');
    await chooseDeparture(page, 'Lausanne');
    await page.getByLabel('New platform').fill('5');
    await page.getByRole('button', { name: 'Change platform' }).click();
    await page.getByText('Platform changed to 5.').waitFor();

    // The feed (bootstrap token) says platform 6; the operator's 5 holds, and the console says so.
    const scheduledTime = (await row('ic5')).scheduledTime;
    await t.request('/api/stations/zurich-hb/departures/ic5', {
      method: 'PUT',
      auth: true,
      json: departureBody({ destination: 'Lausanne', scheduledTime, platform: '6' }),
    });
    await page
      .getByText(/Feed says platform 6\s*— you hold platform 5/)
      .first()
      .waitFor();
    expect((await row('ic5')).platform).toBe('5');

    await page
      .getByRole('region', { name: 'Feed or operator' })
      .getByRole('button', { name: /Hand back to feed/ })
      .click();
    await page.getByText('Handed back to the feed.').waitFor();
    expect(await row('ic5')).toMatchObject({ platform: '6', override: null });
    await page.getByText('The feed is in charge of this departure.').waitFor();
    await page.close();
  });

  it('says when the password is wrong, and how long to wait when sign-in is throttled', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin`);
    // Five attempts a minute are allowed from one address; the sixth is refused with Retry-After.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(`guess number ${attempt}`);
      const answer = page.waitForResponse((res) => res.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      statuses.push((await answer).status());
      if (attempt === 0) await page.getByText('Wrong username or password.').waitFor();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    await page.getByText(/Too many sign-in attempts\. Try again in \d+ s\./).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('finds nothing wrong (axe-core) on /admin signed out, and in every view signed in', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByLabel('Username').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await signInOnPage(page, TEST_ADMIN);
    await page.getByLabel('Station').selectOption('zurich-hb');
    await page.locator('[data-departure-id]').first().waitFor();
    await chooseDeparture(page, 'Lausanne');
    await page.locator('[data-console-departure]').getByRole('button', { name: '+10 min' }).click();
    await page.getByText('Delay +10 min added.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    for (const [view, ready] of [
      ['Audit log', '[data-audit-id]'],
      ['Users', 'text=Console accounts'],
      ['API tokens', 'text=bootstrap'],
    ] as const) {
      await page.getByRole('link', { name: view }).click();
      await page.locator(ready).first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.close();
  });
});
