import type { Browser, Page } from 'playwright-core';
import { closeBoard, eventually, openBoard, putRow, rowIds } from '../support/board-screen';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

/** Two animation frames: the rows are measured (ResizeObserver) and drawn again to fit. */
const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** A page turns every 10 s; a little more covers a turn that is just due. */
const TURN_WAIT_MS = 11_500;

describeBrowser('the station screen in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t);
  });
  afterEach(async () => {
    if (page) await closeBoard(page);
    page = undefined;
    await t.close();
  });

  const row = (id: string) => page!.locator(`[data-departure-id="${id}"]`);
  const patch = (id: string, json: object) => t.request(`/api/stations/zurich-hb/departures/${id}`, { method: 'PATCH', auth: true, json });

  it('keeps a cancelled departure on the board, struck through, with the reason', async () => {
    await putRow(t, 'ic5', { line: 'IC 5', destination: 'Lausanne', cancelled: true, cancelReason: 'Signal failure near Olten' }, 12);
    page = await openBoard(browser, t);
    await row('ic5').getByText('Signal failure near Olten').waitFor();
    await row('ic5').getByText('Cancelled', { exact: true }).waitFor();
    for (const part of ['.name', '.sched', '.via']) {
      const decoration = await row('ic5')
        .locator(part)
        .evaluate((el) => getComputedStyle(el).textDecorationLine);
      expect(decoration).toContain('line-through');
    }
  });

  it('shows a platform change as the new platform beside the struck-out old one, ringed while it is news', async () => {
    await putRow(t, 's8', { scheduledPlatform: '33' }, 8);
    page = await openBoard(browser, t);
    await row('s8').locator('.plat').getByText('33').waitFor();
    expect(await row('s8').locator('.news').count()).toBe(0);

    await patch('s8', { platform: '7' });
    await row('s8').locator('.plat .changed').getByText('7').waitFor({ timeout: 2000 });
    expect(await row('s8').locator('.plat s').innerText()).toContain('33');
    expect(await row('s8').locator('.plat .news').count()).toBe(1);
    // The row itself flashes.
    expect(await row('s8').getAttribute('data-changed')).toMatch(/^[ab]$/);
  });

  it('flashes a changed row, again on each change, except for viewers who asked for less motion', async () => {
    await putRow(t, 's8', {}, 8);
    const flashes = async (reducedMotion: 'reduce' | 'no-preference') => {
      const screen = await openBoard(browser, t, '', { reducedMotion });
      const target = screen.locator('[data-departure-id="s8"]');
      await target.waitFor();
      const names: string[] = [];
      for (const delayMinutes of [3, 4]) {
        const version = await target.getAttribute('data-changed');
        await patch('s8', { delayMinutes });
        await target.getByText(`+${delayMinutes}`).waitFor({ timeout: 2000 });
        expect(await target.getAttribute('data-changed')).not.toBe(version);
        names.push(await target.evaluate((el) => getComputedStyle(el, '::after').animationName));
      }
      await closeBoard(screen);
      return names;
    };
    // A second change within the fade starts it afresh, under the other name.
    expect(await flashes('no-preference')).toEqual(['flash-on-change-a', 'flash-on-change-b']);
    expect(await flashes('reduce')).toEqual(['none', 'none']);
  });

  it('filters by platform and by line, ignoring case and spaces in line names', async () => {
    await putRow(t, 's8', { line: 'S8', scheduledPlatform: '33' }, 5);
    await putRow(t, 'ic5', { line: 'IC 5', destination: 'Lausanne', scheduledPlatform: '31' }, 6);
    await putRow(t, 're', { line: 'RE', destination: 'Chur', scheduledPlatform: '31', platform: '7' }, 7);

    page = await openBoard(browser, t, '?platform=33,7');
    await row('re').waitFor();
    expect(await rowIds(page)).toEqual(['s8', 're']);
    await page.getByRole('heading', { name: /Platform 33, 7/ }).waitFor();
    await closeBoard(page);

    page = await openBoard(browser, t, '?line=s8,ic5');
    await row('ic5').waitFor();
    expect(await rowIds(page)).toEqual(['s8', 'ic5']);
  });

  it('shows arrivals, from their origin, only in arrivals mode', async () => {
    await putRow(t, 'dep', { destination: 'Pfäffikon SZ' }, 5);
    await putRow(t, 'arr', { kind: 'arrival', destination: 'Zürich HB', origin: 'Chur' }, 6);

    page = await openBoard(browser, t);
    await row('dep').waitFor();
    expect(await rowIds(page)).toEqual(['dep']);
    await closeBoard(page);

    page = await openBoard(browser, t, '?mode=arrivals');
    await row('arr').waitFor();
    expect(await rowIds(page)).toEqual(['arr']);
    expect(await row('arr').locator('.name').innerText()).toMatch(/^from\s*Chur$/);
    await page.getByRole('heading', { name: /Arrivals/ }).waitFor();
    await page.locator('.columns').getByText('From', { exact: true }).waitFor();
    await page.locator('.columns').getByText('Arrival', { exact: true }).waitFor();
  });

  it('keeps the first rows of a fixed number (rows=) in place and turns the later ones below them, every turn=', async () => {
    for (let i = 0; i < 8; i++) await putRow(t, `r${i}`, { destination: `Destination ${i}` }, 5 + i);
    // Four places: two stay (half of them), two turn; six later rows make three pages.
    page = await openBoard(browser, t, '?rows=4&turn=2');
    await page.locator('.board header .page [aria-hidden="true"]').waitFor();
    // The page number and the rows read in one go: a turn can come between two reads.
    const { first, said, shown } = await page.evaluate(() => ({
      first: document.querySelector('.board header .page [aria-hidden="true"]')?.textContent?.trim() ?? '',
      said: document.querySelector('.board header .page')?.textContent ?? '',
      shown: [...document.querySelectorAll('[data-departure-id]')].map((row) => row.getAttribute('data-departure-id')),
    }));
    expect(first).toMatch(/^[123]\/3$/);
    const pageIndex = Number(first[0]) - 1;
    const later = ['r2', 'r3', 'r4', 'r5', 'r6', 'r7'].slice(pageIndex * 2, pageIndex * 2 + 2);
    expect(shown).toEqual(['r0', 'r1', ...later]);
    expect(said).toContain(`Page ${first[0]} of 3`);

    const next = `${((pageIndex + 1) % 3) + 1}/3`;
    await page.locator('.board header .page').getByText(next).waitFor({ timeout: TURN_WAIT_MS });
    const ids = await rowIds(page);
    expect(ids.slice(0, 2)).toEqual(['r0', 'r1']);
    expect(ids.slice(2)).not.toEqual(later);
  });

  it('fits as many whole rows as the screen holds, landscape and portrait, keeps the first and turns the rest', async () => {
    const all = Array.from({ length: 30 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    for (const [i, id] of all.entries()) await putRow(t, id, { destination: `Destination ${i}` }, 5 + i);
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1080, height: 1920 },
      { width: 1280, height: 720 },
    ]) {
      page = await openBoard(browser, t, '', { viewport });
      await page.locator('.board header .page').waitFor();
      await settled(page);
      const boxes = await page.locator('[data-departure-id]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect()));
      const room = await page.locator('.area').evaluate((el) => el.getBoundingClientRect().bottom);
      expect(room).toBe(viewport.height);
      // The places share out the height between them, each at least a fourteenth of the screen; a
      // page may be a row short of the others (pages are balanced), never more.
      const height = boxes[0].height;
      const places = Math.round((viewport.height - boxes[0].top) / height);
      expect(Math.abs(boxes[0].top + places * height - viewport.height)).toBeLessThan(2);
      expect(height).toBeGreaterThanOrEqual(viewport.height / 14);
      expect(places).toBeGreaterThanOrEqual(5);
      expect([places - 1, places]).toContain(boxes.length);

      // The first rows, then (below a rule) a run of later ones: all of them come round, a page at a time.
      const ids = await rowIds(page);
      const pinned = await page.locator('[data-departure-id]').evaluateAll((rows) => rows.findIndex((r) => r.classList.contains('later')));
      expect(ids.slice(0, pinned)).toEqual(all.slice(0, pinned));
      expect(pinned).toBeGreaterThanOrEqual(Math.ceil(ids.length / 2));
      const start = all.indexOf(ids[pinned]);
      expect(ids.slice(pinned)).toEqual(all.slice(start, start + ids.length - pinned));
      const pages = Number((await page.locator('.board header .page [aria-hidden="true"]').innerText()).split('/')[1]);
      expect(pages).toBe(Math.ceil((30 - pinned) / (places - pinned)));
      await closeBoard(page);
      page = undefined;
    }
  });

  it('speaks German with lang=de', async () => {
    await putRow(t, 's8', {}, 5);
    await putRow(t, 'ic5', { line: 'IC 5', destination: 'Lausanne', cancelled: true, cancelReason: 'Stellwerkstörung' }, 9);
    page = await openBoard(browser, t, '?lang=de');
    await row('s8').waitFor();
    for (const word of ['Abfahrt', 'Linie', 'Ziel', 'Gleis']) await page.locator('.columns').getByText(word, { exact: true }).waitFor();
    await row('ic5').getByText('Fällt aus').waitFor();
    expect(await row('s8').locator('.status').innerText()).toMatch(/^(in \d+\u00a0Min\.|jetzt)$/);
    expect(await row('s8').locator('.via').innerText()).toMatch(/^über /);
    expect(await page.locator('.frame').getAttribute('lang')).toBe('de');
    await page.getByText('Live', { exact: true }).waitFor();
  });

  it('takes turns between languages with lang=en,de', async () => {
    await putRow(t, 's8', {}, 5);
    page = await openBoard(browser, t, '?lang=en,de');
    const columns = page.locator('.columns');
    const start = (await columns.innerText()).toLowerCase().includes('abfahrt') ? 'Abfahrt' : 'Departure';
    const other = start === 'Abfahrt' ? 'Departure' : 'Abfahrt';
    await columns.getByText(other, { exact: true }).waitFor({ timeout: TURN_WAIT_MS });
  });

  it("shows only the alerts valid now, by the server clock even when the screen's own clock is wrong", async () => {
    await t.close();
    t = await startTestApp({ HEARTBEAT_MS: '1000' }, { webDir: WEB_DIR });
    await createStation(t);
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const post = (text: string, window: object) =>
      t.request('/api/stations/zurich-hb/alerts', { method: 'POST', auth: true, json: { severity: 'warning', text, ...window } });
    await post('Started a minute ago', { validFrom: at(-60) });
    await post('Ends in a moment', { validUntil: at(4) });
    await post('Starts in a moment', { validFrom: at(4) });

    const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    page = await ctx.newPage();
    // The screen's clock is two hours slow; the heartbeat tells it the server's time.
    await page.clock.setSystemTime(Date.now() - 2 * 3600_000);
    await page.goto(`${t.baseUrl}/board/zurich-hb`);
    const alerts = page.locator('.alerts');
    await alerts.getByText('Started a minute ago').waitFor({ timeout: 3000 });
    await alerts.getByText('Ends in a moment').waitFor();
    expect(await alerts.getByText('Starts in a moment').count()).toBe(0);
    const stationTime = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Zurich',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const clock = await page.locator('header time.clock').innerText();
    expect([Date.now() - 1000, Date.now()].map((ms) => stationTime.format(ms))).toContain(clock.slice(0, 5));

    await alerts.getByText('Starts in a moment').waitFor({ timeout: 6000 });
    expect(await alerts.getByText('Ends in a moment').count()).toBe(0);
  });

  it('is a kiosk: no cursor, no scrollbars, nothing to click, and the screen kept awake', async () => {
    for (let i = 0; i < 30; i++) await putRow(t, `r${i}`, { destination: `Destination ${i}` }, 5 + i);
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    page = await ctx.newPage();
    await page.addInitScript(() => {
      // A stand-in for the Screen Wake Lock API that records what the board asks of it.
      const requests: string[] = [];
      const sentinels: { released: boolean }[] = [];
      Object.assign(window, { wakeLockRequests: requests, wakeLockSentinels: sentinels });
      Object.defineProperty(navigator, 'wakeLock', {
        value: {
          request: async (type: string) => {
            requests.push(type);
            const sentinel = { released: false, release: async () => void (sentinel.released = true) };
            sentinels.push(sentinel);
            return sentinel;
          },
        },
      });
    });
    await page.goto(`${t.baseUrl}/board/zurich-hb`);
    await page.locator('[data-departure-id]').first().waitFor();

    expect(await page.locator('main').evaluate((el) => getComputedStyle(el).cursor)).toBe('none');
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement!;
      return { x: root.scrollWidth - root.clientWidth, y: root.scrollHeight - root.clientHeight };
    });
    expect(overflow).toEqual({ x: 0, y: 0 });
    expect(await page.locator('main :is(a, button, input, select, textarea, [tabindex], [onclick])').count()).toBe(0);

    const requests = () => page!.evaluate(() => (window as unknown as { wakeLockRequests: string[] }).wakeLockRequests.slice());
    await eventually(requests, ['screen']);
    // The browser drops the lock while the page is hidden; back in view, the board asks again.
    await page.evaluate(() => {
      (window as unknown as { wakeLockSentinels: { released: boolean }[] }).wakeLockSentinels[0].released = true;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await eventually(requests, ['screen', 'screen']);
  });

  it('switches to the light and high-contrast themes', async () => {
    await putRow(t, 's8', {}, 5);
    const backgrounds: Record<string, string> = {};
    for (const theme of ['dark', 'light', 'contrast', 'neon']) {
      page = await openBoard(browser, t, `?theme=${theme}`);
      backgrounds[theme] = await page.locator('.board').evaluate((el) => getComputedStyle(el).backgroundColor);
      await closeBoard(page);
      page = undefined;
    }
    expect(backgrounds).toEqual({
      dark: 'rgb(5, 7, 10)',
      light: 'rgb(255, 255, 255)',
      contrast: 'rgb(0, 0, 0)',
      neon: 'rgb(5, 7, 10)',
    });
  });
});
