import type { SnapshotEvent } from '#shared/board-event';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

/** `CLOCK` is one app's setting: two apps in one process (as here) keep their own boards' clocks. */
describe("the boards' clock (e2e)", () => {
  let replaying: TestApp;
  let live: TestApp;

  beforeAll(async () => {
    replaying = await startTestApp({ CLOCK: '2023-11-08T01:00:00Z' });
    live = await startTestApp();
    for (const t of [replaying, live]) await createStation(t);
  });
  afterAll(async () => {
    await replaying?.close();
    await live?.close();
  });

  const serverTime = async (t: TestApp) => {
    const screen = new SseReader(await fetch(`${t.baseUrl}/api/stations/zurich-hb/board/events`));
    const { data } = await screen.nextEvent<SnapshotEvent>();
    await screen.close();
    return Date.parse(data.serverTime);
  };

  it('runs from CLOCK in the app that set it, and on the wall clock in the other', async () => {
    const replayed = await serverTime(replaying);
    expect(replayed).toBeGreaterThanOrEqual(Date.parse('2023-11-08T01:00:00Z'));
    expect(replayed).toBeLessThan(Date.parse('2023-11-08T01:10:00Z'));
    expect(Math.abs((await serverTime(live)) - Date.now())).toBeLessThan(60_000);
  });
});
