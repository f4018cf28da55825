import type { Browser } from 'playwright-core';
import { DeparturesService } from '../../server/src/departures/departures.service';
import { closeBoard, openBoard } from '../support/board-screen';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, type TestApp } from '../support/test-app';
import { systemWrite } from '../../server/src/board-core/write-context';

/** Changes made here are recorded as a test job's. */
const TEST_WRITE = systemWrite('test');

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

const ROWS = 100;
const EVENTS_PER_SECOND = 100;
const SECONDS = 3;
/** How long every event has to reach the screen: a completeness bound, not a speed bar (that is logged, not asserted). */
const SETTLE_MS = 30_000;

/**
 * Installed before the page loads. Every `departure-set` message is followed until its row shows its
 * delay (or a later event's), and timed from when the browser received it, for the log. Each animation
 * frame also reads every row's delay as painted: a row that goes back to an older delay after showing
 * a newer one is counted as out of order, which is what a passenger would notice.
 */
function instrument(): void {
  const latencies: number[] = [];
  const frameGaps: number[] = [];
  const longFrames: number[] = [];
  const backwards: string[] = [];
  const speed = { latencies, frameGaps, longFrames, backwards, observing: 'nothing' };
  Object.assign(window, { speed });

  // Every delay each row was sent, in order: an event counts as shown once its row shows its delay
  // or a later event's (a slow frame can let a newer update for the same row land first, and then
  // the older one is never on screen by itself, nor needs to be).
  const sentDelays = new Map<string, number[]>();
  const shownIndex = new Map<string, number>();
  const painted = (id: string) => document.querySelector(`[data-departure-id="${id}"] .delay`)?.firstChild?.textContent;
  const add = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: unknown, options?: unknown) {
    if (type !== 'departure-set' || typeof listener !== 'function')
      return add.call(this, type, listener as EventListener, options as boolean);
    const timed = (message: MessageEvent<string>) => {
      listener.call(this, message);
      const { departure } = JSON.parse(message.data) as { departure: { id: string; scheduledTime: string; expectedTime: string } };
      const delay = Math.round((Date.parse(departure.expectedTime) - Date.parse(departure.scheduledTime)) / 60_000);
      const delays = sentDelays.get(departure.id) ?? [];
      sentDelays.set(departure.id, delays);
      const mine = delays.push(delay) - 1;
      const shown = () => delays.slice(mine).some((d) => painted(departure.id) === `+${d}`);
      const check = () => (shown() ? latencies.push(performance.now() - message.timeStamp) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    };
    return add.call(this, type, timed as EventListener, options as boolean);
  } as typeof EventSource.prototype.addEventListener;

  let last = 0;
  const frame = (time: number) => {
    if (last > 0) frameGaps.push(time - last);
    last = time;
    for (const [id, delays] of sentDelays) {
      const index = delays.lastIndexOf(Number(painted(id)?.slice(1)));
      if (index < 0) continue;
      if (index < (shownIndex.get(id) ?? -1)) backwards.push(`${id} went back from +${delays[shownIndex.get(id)!]} to +${delays[index]}`);
      else shownIndex.set(id, index);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  for (const type of ['long-animation-frame', 'longtask']) {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => longFrames.push(e.duration))).observe({ type, buffered: false });
      speed.observing = type;
      break;
    } catch {
      // Not supported by this browser: try the older entry type.
    }
  }
}

function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Speed {
  latencies: number[];
  frameGaps: number[];
  longFrames: number[];
  backwards: string[];
  observing: string;
}

describeBrowser('board under a burst of updates in Chromium', () => {
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({}, { webDir: WEB_DIR });
    await createStation(t);
  });
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });

  // What a passenger notices is an update that is missing, or a row that goes back to an older
  // value. How fast frames follow depends on the machine, so the timings are logged, not asserted
  // (the server's own speed is measured by `npm run bench` against its floor).
  it(`shows every event, in order, with ${ROWS} rows on screen and ${EVENTS_PER_SECOND} events/s`, async () => {
    // In-process, so the load is the board's work and not HTTP's.
    const departures = t.app.get(DeparturesService);
    for (let i = 0; i < ROWS; i++) {
      await departures.put(TEST_WRITE, 'zurich-hb', rowId(i), departureBody({ destination: `Destination ${i}` }, 5 + i));
    }
    // delay=1: every delay it posts (from +1) is shown, so every event has something to show.
    const page = await openBoard(browser, t, `?rows=${ROWS}&delay=1`, { viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(instrument);
    await page.reload();
    await page
      .locator('[data-departure-id]')
      .nth(ROWS - 1)
      .waitFor();
    expect(await page.locator('[data-departure-id]').count()).toBe(ROWS);

    const read = () => page.evaluate(() => (window as unknown as { speed: Speed }).speed);
    const total = EVENTS_PER_SECOND * SECONDS;
    const last = new Map<string, number>();
    const start = Date.now();
    const writes: Promise<unknown>[] = [];
    for (let k = 0; k < total; k++) {
      const wait = start + (k * 1000) / EVENTS_PER_SECOND - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Every row in turn, each time with a delay it has not had before.
      const delayMinutes = (k % 59) + 1;
      last.set(rowId(k % ROWS), delayMinutes);
      writes.push(departures.patch(TEST_WRITE, 'zurich-hb', rowId(k % ROWS), { delayMinutes }));
    }
    await Promise.all(writes);
    const rate = total / ((Date.now() - start) / 1000);

    const deadline = Date.now() + SETTLE_MS;
    while ((await read()).latencies.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const speed = await read();
    console.log(`board under a burst: ${summary(speed, rate)}`);

    expect(speed.latencies).toHaveLength(total);
    expect(speed.backwards).toEqual([]);
    const shown = await page.$$eval('[data-departure-id]', (rows) =>
      rows.map((row) => [row.getAttribute('data-departure-id'), row.querySelector('.delay')?.firstChild?.textContent]),
    );
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries([...last].map(([id, delay]) => [id, `+${delay}`])));
    await closeBoard(page);
  }, 90_000);
});

function rowId(i: number): string {
  return `d${String(i).padStart(3, '0')}`;
}

function summary(speed: Speed, rate: number): string {
  const frame = percentile(speed.frameGaps, 50);
  const slowFrames = speed.frameGaps.filter((gap) => gap > 1.5 * frame).length;
  const { latencies: l, longFrames } = speed;
  return (
    `${l.length} events at ${rate.toFixed(0)}/s onto ${ROWS} rows; event to frame on screen p50 ${percentile(l, 50).toFixed(1)} ms, ` +
    `p95 ${percentile(l, 95).toFixed(1)} ms, max ${Math.max(...l).toFixed(1)} ms; ${speed.frameGaps.length} frames, ${slowFrames} over ` +
    `1.5 frame times, ${longFrames.length} ${speed.observing} entries over 50 ms` +
    (longFrames.length ? ` (longest ${Math.max(...longFrames).toFixed(0)} ms)` : '')
  );
}
