import type { Browser, Page } from 'playwright-core';
import type { BatchReport } from '#shared/api';
import type { Board } from '#shared/board';
import { BOARD_LABELS } from '../../web/src/lib/board-labels';
import { formatDay, formatTime } from '../../web/src/lib/time';
import { axeViolations, lowContrastTexts } from '../support/board-screen';
import { type BoardSample, sampleBoard, secondaryShares, smallTexts } from '../support/board-sampling';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { DEPARTURES, disruptionUpdates, LONG_ALERT, SEVERE_ALERT, SEVERE_ALERT_DE } from '../support/disruption-fixture';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

/** The calendar date at the station (Zürich) of an instant, as the board decides "today". */
function zurichDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

/** `?turn=2`: the board's own option; the page's clock is moved on by hand, a turn at a time. */
const TURN_MS = 2000;
/**
 * The fixture starts this far ahead: the pages turn the board's clock on by minutes over the
 * suite, and no row may leave meanwhile (the tests count every row).
 */
const FIXTURE_AHEAD_MS = 3 * 60_000;
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const SMALL = { width: 1280, height: 720 };

describeBrowser('the board in a disruption, in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  let board: Board;
  let page: Page | undefined;
  const alertId = (text: string) => board.alerts.find((a) => a.text === text)!.id;

  beforeAll(async () => {
    browser = await launchBrowser();
    // No heartbeat within the test: a heartbeat would set the screen's clock back to the server's.
    t = await startTestApp({ HEARTBEAT_MS: '300000' }, { webDir: WEB_DIR });
    await createStation(t);
    const res = await t.request('/api/updates', {
      method: 'POST',
      auth: true,
      json: { updates: disruptionUpdates('zurich-hb', Date.now() + FIXTURE_AHEAD_MS) },
    });
    expect(((await res.json()) as BatchReport).rejected).toBe(0);
    board = (await (await t.request('/api/stations/zurich-hb/board')).json()) as Board;
  });
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });
  afterEach(async () => {
    await page?.context().close();
    page = undefined;
  });

  /** A board whose clock stands still from the moment its rows are on screen, until `turn` moves it. */
  async function open(query: string, viewport: { width: number; height: number }, reducedMotion: 'reduce' | 'no-preference' = 'reduce') {
    const context = await browser.newContext({ viewport, reducedMotion, bypassCSP: true });
    page = await context.newPage();
    await page.clock.install();
    await page.goto(`${t.baseUrl}/board/zurich-hb?turn=${TURN_MS / 1000}&${query}`);
    await page.locator('[data-departure-id]').first().waitFor();
    await page.locator('.alerts').waitFor();
    await page.clock.pauseAt(Date.now() + 500);
    return page;
  }
  const turn = () => page!.clock.runFor(TURN_MS);
  const pages = async () => Number((await page!.locator('.board header .page [aria-hidden="true"]').innerText()).split('/')[1]);
  async function toFirstPage() {
    const indicator = page!.locator('.board header .page [aria-hidden="true"]');
    for (let i = 0; i < 200 && (await indicator.count()) > 0 && !(await indicator.innerText()).startsWith('1/'); i++) await turn();
  }
  /** What a row's cell shows, without the words that are there for screen readers only. */
  const shownText = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate((el) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.sr-only').forEach((hidden) => hidden.remove());
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    });

  it.each([
    ['1920×1080 in English, scrolling', LANDSCAPE, 'lang=en', 'no-preference'],
    ['1080×1920 in German', PORTRAIT, 'lang=de', 'reduce'],
    ['1280×720 in English and German by turns', SMALL, 'lang=en,de', 'reduce'],
  ] as const)(
    'at %s keeps the severe alert and the next departure on screen, and shows every row and every word',
    async (_name, viewport, query, motion) => {
      await open(query, viewport, motion);
      // Long text scrolls to its next page, or jumps there for viewers who asked for less motion.
      const transition = await page!
        .locator('.alerts .text')
        .first()
        .evaluate((el) => getComputedStyle(el).transitionDuration);
      expect(transition).toBe(motion === 'reduce' ? '0s' : '0.8s');

      const cycle = (await pages()) * query.split(',').length;
      expect(cycle).toBeGreaterThan(1);
      const samples: BoardSample[] = [];
      for (let i = 0; i < 2 * cycle; i++) {
        samples.push(await sampleBoard(page!, alertId(LONG_ALERT)));
        await turn();
      }

      const next = board.departures[0].id;
      expect(samples.filter((s) => !s.alerts.includes(alertId(SEVERE_ALERT)))).toEqual([]);
      expect(samples.filter((s) => !s.rows.includes(next))).toEqual([]);
      // The long alert does not fit its banner at once, yet every word of it was on screen at some moment.
      const words = LONG_ALERT.split(/\s+/).length;
      expect(samples.some((s) => s.words.length > 0 && s.words.length < words)).toBe(true);
      expect(new Set(samples.flatMap((s) => s.words)).size).toBe(words);
      expect(new Set(samples.flatMap((s) => s.rows)).size).toBe(DEPARTURES);
      // The row for tomorrow says so, in the language on screen; so does any other row after the station's midnight
      // (in the evening, the next three hours' rows cross it), and no row of today does.
      const tomorrow = board.departures[DEPARTURES - 1];
      const today = zurichDate(Date.now());
      const otherDays = new Map(
        board.departures
          .filter((d) => zurichDate(Date.parse(d.scheduledTime)) !== today)
          .map((d) => [d.id, ['en', 'de'].map((lang) => formatDay(d.scheduledTime, 'Europe/Zurich', lang))]),
      );
      expect(otherDays.has(tomorrow.id)).toBe(true);
      expect(samples.some((s) => s.days[tomorrow.id] !== undefined)).toBe(true);
      const wrong = samples.flatMap((s) => Object.entries(s.days).filter(([id, day]) => !(otherDays.get(id) ?? []).includes(day)));
      expect(wrong).toEqual([]);
    },
  );

  it.each([
    ['1920×1080 in English', LANDSCAPE, 'lang=en', 32],
    ['1920×1080 in German', LANDSCAPE, 'lang=de', 32],
    ['1080×1920 in English', PORTRAIT, 'lang=en', 32],
    ['1280×720 in German', SMALL, 'lang=de', 0],
  ] as const)('at %s is legible from 10 m and axe-clean', async (_name, viewport, query, minPx) => {
    await open(query, viewport);
    await toFirstPage();
    const shares = await secondaryShares(page!, ['.via', '.notes', '.tag', '.plat s', '.status', '.expected', '.delay']);
    // To a thousandth: 38.4 px of 48 px is 0.8 however the division rounds.
    for (const [kind, share] of Object.entries(shares))
      expect([kind, share !== null && Math.round(share * 1000) >= 800]).toEqual([kind, true]);
    expect(await smallTexts(page!, minPx)).toEqual([]);
    const heights = await page!.locator('[data-departure-id]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(viewport.height / 14);
    // The rows share out the height: no strip under the last one is left empty.
    const bottom = await page!
      .locator('[data-departure-id]')
      .last()
      .evaluate((r) => r.getBoundingClientRect().bottom);
    expect(viewport.height - bottom).toBeLessThan(2);
    // axe-core waits on timers of its own: the clock runs again for it.
    await page!.clock.resume();
    expect(await axeViolations(page!, { enhancedContrast: true })).toEqual([]);
    expect(await lowContrastTexts(page!, 7)).toEqual([]);
  });

  it('in portrait keeps the via stops of a disrupted row whole, under column headings', async () => {
    await open('lang=en', PORTRAIT);
    const cancelled = page!.locator(`[data-departure-id="${board.departures[2].id}"]`);
    await cancelled.getByText('Signal failure near Thalwil').waitFor();
    const via = await cancelled.locator('.via').evaluate((el) => ({ text: el.textContent, cut: el.scrollWidth > el.clientWidth + 1 }));
    expect(via).toEqual({ text: 'via Stadelhofen · Dietlikon', cut: false });
    for (const heading of ['Time', 'Line', 'Destination', 'Platform'])
      await page!.locator('.columns').getByText(heading, { exact: true }).waitFor();
  });

  it.each(['en', 'de'] as const)('says in words (%s) what changed, with times and delays that agree to the minute', async (lang) => {
    const labels = BOARD_LABELS[lang];
    await open(`lang=${lang}`, LANDSCAPE);
    await toFirstPage();
    const row = (i: number) => page!.locator(`[data-departure-id="${board.departures[i].id}"]`);
    const time = (i: number, minutes: number) =>
      formatTime(new Date(Date.parse(board.departures[i].scheduledTime) + minutes * 60_000), 'Europe/Zurich');

    // Counted, not waited for: the page's clock stands still, and the rows on screen are those of this moment.
    expect(await row(0).getByText(labels.platformChange, { exact: true }).count()).toBe(1);
    expect(await shownText(row(0).locator('.plat'))).toBe('3 41');
    expect(await shownText(row(1).locator('.expected'))).toBe(time(1, 7));
    expect(await shownText(row(1).locator('.delay'))).toBe('+7');
    expect(await shownText(row(2).locator('.status'))).toBe(labels.cancelled);
    expect(await row(3).getByText(labels.early.departures, { exact: true }).count()).toBe(1);
    expect(await shownText(row(3).locator('.delay'))).toBe('−3');
    // Early is not shown like a delay.
    const color = (i: number) =>
      row(i)
        .locator('.delay')
        .evaluate((el) => getComputedStyle(el).color);
    expect(await color(3)).not.toBe(await color(1));
    // 40 s late is on time as printed; 3 min 50 s late is printed +3, three minutes after the timetable.
    expect(await row(4).locator('.expected, .delay').count()).toBe(0);
    expect(await shownText(row(5).locator('.expected'))).toBe(time(5, 3));
    expect(await shownText(row(5).locator('.delay'))).toBe('+3');
  });

  it.each(['en', 'de'] as const)(
    'says (%s) what the feed knows beyond the times: a skipped stop, a run cut short, a replacement bus',
    async (lang) => {
      const labels = BOARD_LABELS[lang];
      await open(`lang=${lang}`, LANDSCAPE);
      // These rows are among the later ones, which take turns: read each when its page is on screen.
      const wanted = [6, 7, 8].map((i) => board.departures[i].id);
      const seen = new Map<string, string>();
      const cycle = await pages();
      for (let i = 0; i < 2 * cycle && seen.size < wanted.length; i++) {
        for (const id of wanted) {
          const row = page!.locator(`[data-departure-id="${id}"]`);
          if (!seen.has(id) && (await row.count()) > 0) seen.set(id, await shownText(row));
        }
        await turn();
      }
      const [skipping, shortened, replacement] = wanted.map((id) => seen.get(id) ?? '');
      expect(skipping).toContain(labels.skips('Zürich Flughafen'));
      expect(shortened).toContain(labels.shortened.departures('Bern'));
      // The train's number stands before its route.
      expect(shortened).toContain(`723 ${labels.via} Bern`);
      expect(replacement).toContain(labels.replacement);
    },
  );

  it('shows each text in the board’s language where it has one, and marks the ones it shows as written', async () => {
    await open('lang=de', LANDSCAPE);
    const banner = (text: string) => page!.locator(`.alerts [data-alert-id="${alertId(text)}"]`);
    const row = (i: number) => page!.locator(`[data-departure-id="${board.departures[i].id}"]`);
    // The warning shares its banner with the information alerts, and rows take turns: each read when on screen.
    const seen: Record<string, string> = {};
    const read = async (name: string, locator: ReturnType<Page['locator']>) => {
      if (seen[name] === undefined && (await locator.count()) > 0) seen[name] = await shownText(locator);
    };
    const cycle = await pages();
    for (let i = 0; i < 2 * cycle + 4 && Object.keys(seen).length < 5; i++) {
      await read('severe', banner(SEVERE_ALERT).locator('.text'));
      await read('warning mark', banner(LONG_ALERT).locator('.mark'));
      if ((await banner(LONG_ALERT).count()) > 0)
        seen['warning lang'] ??= (await banner(LONG_ALERT).locator('.text').getAttribute('lang')) ?? '';
      await read('reason', row(2).locator('.notes'));
      await read('remark', row(5).locator('.notes'));
      await turn();
    }
    expect(seen).toEqual({
      // The severe alert carries a German text: shown so, without a mark.
      severe: SEVERE_ALERT_DE,
      // The long warning has none: shown in English, marked EN, and told to screen readers as English.
      'warning mark': 'EN',
      'warning lang': 'en',
      // A cancellation's reason given in German is shown so; a remark without one is marked (the station's texts are English).
      reason: 'Stellwerkstörung bei Thalwil',
      remark: 'EN Extra stop at Hardbrücke',
    });

    // An English board marks nothing.
    await page!.context().close();
    await open('lang=en', LANDSCAPE);
    await toFirstPage();
    expect(await page!.locator('.mark').count()).toBe(0);
  });

  it('hides delays under the threshold set by ?delay=', async () => {
    await open('lang=en&delay=8', LANDSCAPE);
    const row = (i: number) => page!.locator(`[data-departure-id="${board.departures[i].id}"]`);
    expect(await row(1).locator('.delay').count()).toBe(0);
    // Running early is shown whatever the threshold.
    expect(await shownText(row(3).locator('.delay'))).toBe('−3');
  });

  it('says plainly that a station does not exist, and never that it is reconnecting', async () => {
    const context = await browser.newContext({ viewport: LANDSCAPE, bypassCSP: true });
    page = await context.newPage();
    const attempts: string[] = [];
    page.on('request', (request) => request.url().includes('/board/events') && attempts.push(request.url()));
    await page.goto(`${t.baseUrl}/board/nowhere`);
    await page.getByRole('heading', { name: 'Unknown station' }).waitFor();
    await page.getByText('There is no station “nowhere” on this server.').waitFor();
    await page.getByText('/board/nowhere', { exact: false }).waitFor();
    // The screen keeps asking (the station may yet be created); two more refusals change nothing on it.
    const seen = attempts.length;
    while (attempts.length < seen + 2) await page.waitForEvent('request');
    await page.getByRole('heading', { name: 'Unknown station' }).waitFor();
    expect(await page.getByText(/reconnecting|Live updates paused/i).count()).toBe(0);
    expect(await axeViolations(page, { enhancedContrast: true })).toEqual([]);
  });
});
