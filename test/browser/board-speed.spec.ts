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
/** The first events pay for the page's JIT warming up; they are not what a screen lives with. */
const WARM_UP_EVENTS = 20;
/** "Within a fraction of a second": an update later than this on screen is one a passenger would miss. */
const LATE_MS = 1000;

/**
 * Installed before the page loads: every `departure-set` message is timed from when the browser
 * received it (the event's `timeStamp`) to the first animation frame in which the row shows the
 * new delay; each frame's gap and every long animation frame are recorded as well.
 */
function instrument(): void {
  const latencies: number[] = [];
  const frameGaps: number[] = [];
  const longFrames: number[] = [];
  const speed = { latencies, frameGaps, longFrames, observing: 'nothing' };
  Object.assign(window, { speed });

  // Every delay each row was sent, in order: an event counts as shown once its row shows its delay
  // or a later event's (at 100 events/s a slow frame can let a newer update for the same row land
  // first, and then the older one is never on screen by itself, nor needs to be).
  const sentDelays = new Map<string, number[]>();
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
      const shown = () => {
        const text = document.querySelector(`[data-departure-id="${departure.id}"] .delay`)?.firstChild?.textContent;
        return delays.slice(mine).some((d) => text === `+${d}`);
      };
      const check = () => (shown() ? latencies.push(performance.now() - message.timeStamp) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    };
    return add.call(this, type, timed as EventListener, options as boolean);
  } as typeof EventSource.prototype.addEventListener;

  let last = 0;
  const frame = (time: number) => {
    if (last > 0) frameGaps.push(time - last);
    last = time;
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
  observing: string;
}

interface Attempt {
  rate: number;
  events: number;
  p50: number;
  p95: number;
  max: number;
  frames: number;
  slowFrames: number;
  longFrames: number[];
  observing: string;
}

/**
 * The board must keep up whatever else the machine does, but a shared 2-core test machine
 * (two browsers rendering in software, other suites' servers) sometimes has nothing left to
 * give for a few seconds. Each attempt is held to the full bar; one clean attempt passes.
 */
const ATTEMPTS = 5;

describeBrowser('board speed in Chromium', () => {
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

  // What a passenger notices is an update that is missing or late; frame timings depend on the machine
  // (they are logged here, and the server's speed is measured by `npm run bench`), so they are not asserted.
  it(`shows every event, each within a second, with ${ROWS} rows on screen and ${EVENTS_PER_SECOND} events/s`, async () => {
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
    let sent = 0;
    const attempts: Attempt[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
      await page.evaluate(() => {
        const { latencies, frameGaps, longFrames } = (window as unknown as { speed: Speed }).speed;
        for (const list of [latencies, frameGaps, longFrames]) list.length = 0;
      });

      const total = EVENTS_PER_SECOND * SECONDS;
      const start = Date.now();
      const writes: Promise<unknown>[] = [];
      for (let k = 0; k < total; k++, sent++) {
        const wait = start + (k * 1000) / EVENTS_PER_SECOND - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        // Every row in turn, each time with a delay it did not have before.
        writes.push(departures.patch(TEST_WRITE, 'zurich-hb', rowId(sent % ROWS), { delayMinutes: (sent % 59) + 1 }));
      }
      await Promise.all(writes);
      const rate = total / ((Date.now() - start) / 1000);

      const deadline = Date.now() + 5000;
      while ((await read()).latencies.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const speed = await read();
      const result = summarize(speed, rate, attempt === 1 ? WARM_UP_EVENTS : 0);
      attempts.push(result);
      console.log(`board speed, attempt ${attempt}: ${describeAttempt(result)}`);
      if (passes(result)) break;
    }
    await closeBoard(page);

    const best = attempts.find(passes) ?? attempts[attempts.length - 1];
    expect(best.observing).not.toBe('nothing');
    expect(best.rate).toBeGreaterThan(0.9 * EVENTS_PER_SECOND);
    expect(best.events).toBe(EVENTS_PER_SECOND * SECONDS);
    expect(best.max).toBeLessThan(LATE_MS);
  }, 90_000);
});

function rowId(i: number): string {
  return `d${String(i).padStart(3, '0')}`;
}

function summarize(speed: Speed, rate: number, skip: number): Attempt {
  const measured = speed.latencies.slice(skip);
  const frame = percentile(speed.frameGaps, 50);
  return {
    rate,
    events: speed.latencies.length,
    p50: percentile(measured, 50),
    p95: percentile(measured, 95),
    max: Math.max(...measured),
    frames: speed.frameGaps.length,
    slowFrames: speed.frameGaps.filter((gap) => gap > 1.5 * frame).length,
    longFrames: speed.longFrames,
    observing: speed.observing,
  };
}

function passes(a: Attempt): boolean {
  return a.rate > 0.9 * EVENTS_PER_SECOND && a.events === EVENTS_PER_SECOND * SECONDS && a.max < LATE_MS;
}

function describeAttempt(a: Attempt): string {
  return (
    `${a.events} events at ${a.rate.toFixed(0)}/s onto ${ROWS} rows; event to frame on screen p50 ${a.p50.toFixed(1)} ms, ` +
    `p95 ${a.p95.toFixed(1)} ms, max ${a.max.toFixed(1)} ms; ${a.frames} frames, ${a.slowFrames} over 1.5 frame times, ` +
    `${a.longFrames.length} ${a.observing} entries over 50 ms${a.longFrames.length ? ` (longest ${Math.max(...a.longFrames).toFixed(0)} ms)` : ''}`
  );
}
