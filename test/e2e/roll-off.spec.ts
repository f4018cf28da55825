import type { Board } from '#shared/board';
import { RollOff } from '../../server/src/departures/roll-off.service';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('roll-off after departure (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ DEPARTED_GRACE_MINUTES: '2' });
    await createStation(t);
  });
  afterEach(() => t.close());

  const put = (id: string, body: object) =>
    t.request(`/api/stations/zurich-hb/departures/${id}`, { method: 'PUT', auth: true, json: body });
  // Boards take departures within days of their clock: a test about a given date runs the clock from then.
  const restartAt = async (clock: string) => {
    await t.close();
    t = await startTestApp({ DEPARTED_GRACE_MINUTES: '2', CLOCK: clock });
    await createStation(t);
  };
  const ids = async () => ((await (await t.request('/api/stations/zurich-hb/board')).json()) as Board).departures.map((d) => d.id);

  it('removes a departed train after the grace period, as an event every screen receives', async () => {
    await put('gone', departureBody({}, -5));
    await put('late', departureBody({ expectedTime: new Date(Date.now() + 5 * 60_000).toISOString() }, -5));
    await put('just-left', departureBody({}, -1));
    const screen = new SseReader(await fetch(`${t.baseUrl}/api/stations/zurich-hb/board/events`));
    try {
      await screen.next();
      expect(await t.app.get(RollOff).sweep()).toBe(1);
      expect(await screen.nextEvent()).toMatchObject({ event: 'departure-removed', data: { departureId: 'gone' } });
      expect(await ids()).toEqual(['late', 'just-left']);
    } finally {
      await screen.close();
    }
  });

  it('goes by instants, so a train across a DST change leaves on time', async () => {
    // 25 Oct 2026, Zürich: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    await restartAt('2026-10-24T12:00:00Z');
    await put('second-0230', departureBody({ scheduledTime: '2026-10-25T02:30:00+01:00' }));
    // 02:45 CEST (the first 02:45) is before the train's 02:30 CET.
    expect(await t.app.get(RollOff).sweep(new Date('2026-10-25T02:45:00+02:00'))).toBe(0);
    expect(await t.app.get(RollOff).sweep(new Date('2026-10-25T02:31:00+01:00'))).toBe(0);
    expect(await t.app.get(RollOff).sweep(new Date('2026-10-25T02:33:00+01:00'))).toBe(1);
  });

  it('keeps a service just after midnight until it has left', async () => {
    await restartAt('2026-11-23T12:00:00Z');
    await put('night', departureBody({ scheduledTime: '2026-11-24T00:15:00+01:00' }));
    expect(await t.app.get(RollOff).sweep(new Date('2026-11-23T23:59:00+01:00'))).toBe(0);
    expect(await t.app.get(RollOff).sweep(new Date('2026-11-24T00:18:00+01:00'))).toBe(1);
  });
});
