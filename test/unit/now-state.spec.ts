import type * as NowModule from '../../web/src/lib/now.svelte';
import type * as RuneObserver from '../support/rune-observer.svelte';

const START = new Date('2026-11-23T09:00:00.400Z');

/** The page's clock, fresh, and an observer on the same Svelte runtime. */
function loadClock() {
  let loaded!: { now: typeof NowModule.now; observe: typeof RuneObserver.observe };
  jest.isolateModules(() => {
    loaded = {
      now: jest.requireActual<typeof NowModule>('../../web/src/lib/now.svelte').now,
      observe: jest.requireActual<typeof RuneObserver>('../support/rune-observer.svelte').observe,
    };
  });
  return loaded;
}

describe('Now', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'], now: START }));
  afterEach(() => jest.useRealTimers());

  it('ticks on each whole second while a clock shows it, and stops when none does', () => {
    const { now, observe } = loadClock();
    const clock = observe(() => now.current.toISOString());

    jest.advanceTimersByTime(600);
    expect(clock.current).toBe('2026-11-23T09:00:01.000Z');
    jest.advanceTimersByTime(1_000);
    expect(clock.current).toBe('2026-11-23T09:00:02.000Z');
    clock.stop();

    expect(jest.getTimerCount()).toBe(0);
  });

  it('shows the server’s time when the screen’s own clock is off', () => {
    const { now, observe } = loadClock();
    const clock = observe(() => now.current.toISOString());

    now.syncTo('2026-11-23T09:05:00.400Z');

    expect(clock.current).toBe('2026-11-23T09:05:00.400Z');
    expect(now.exact().toISOString()).toBe('2026-11-23T09:05:00.400Z');
    clock.stop();
  });

  it('leaves a drift under a second alone, so latency does not make the seconds stutter', () => {
    const { now } = loadClock();

    now.syncTo('2026-11-23T09:00:01.300Z');
    expect(now.exact()).toEqual(START);
    now.syncTo('not a time');

    expect(now.exact()).toEqual(START);
  });
});
