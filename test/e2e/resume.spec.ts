import type { Board } from '#shared/board';
import type { BoardEvent } from '#shared/board-event';
import { LogRetention } from '../../server/src/board-core/log-retention.service';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('resume with Last-Event-ID (e2e)', () => {
  let t: TestApp;
  let epoch: string;
  const readers: SseReader[] = [];

  beforeEach(async () => {
    t = await startTestApp({ EVENT_RETENTION_MIN_EVENTS: '2' });
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
    epoch = ((await (await t.request('/api/stations/zurich-hb/board')).json()) as Board).epoch;
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
    await t.close();
  });

  async function open(query = '', headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader(await fetch(`${t.baseUrl}/api/stations/zurich-hb/board/events${query}`, { headers }));
    readers.push(reader);
    return reader;
  }
  const delay = (minutes: number) =>
    t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json: { delayMinutes: minutes } });

  it('replays exactly the missed changes after a dropped connection, then continues live', async () => {
    const first = await open();
    await first.next();
    await delay(1);
    const lastSeen = await first.nextEvent<BoardEvent>();
    expect(lastSeen.id).toBe(`${epoch}.2`);
    await first.close();

    await delay(2);
    await delay(3);
    await t.request('/api/stations/zurich-hb/alerts', { method: 'POST', auth: true, json: { severity: 'info', text: 'Missed alert' } });

    const resumed = await open('', { 'last-event-id': lastSeen.id! });
    const replayed = [await resumed.nextEvent<BoardEvent>(), await resumed.nextEvent<BoardEvent>(), await resumed.nextEvent<BoardEvent>()];
    expect(replayed.map((e) => [e.event, e.id])).toEqual([
      ['departure-set', `${epoch}.3`],
      ['departure-set', `${epoch}.4`],
      ['alert-set', `${epoch}.5`],
    ]);
    expect(replayed[0].retry).toBeGreaterThanOrEqual(1000);
    expect(replayed[1].data).toMatchObject({ departure: { expectedTime: expect.any(String), version: 4 } });

    await delay(4);
    expect(await resumed.nextEvent()).toMatchObject({ event: 'departure-set', id: `${epoch}.6` });
    expect(await resumed.silentFor(300)).toBe(true);
  });

  it('leaves no gap and no duplicate between the replay and live changes made during it', async () => {
    for (const minutes of [1, 2, 3]) await delay(minutes);
    const writes = Array.from({ length: 40 }, (_, i) => delay(10 + i));
    const resumed = await open('', { 'last-event-id': `${epoch}.1` });
    await Promise.all(writes);
    const stored = (await (await t.request('/api/stations/zurich-hb/board')).json()) as Board;
    const seqs: number[] = [];
    while (seqs.length === 0 || seqs[seqs.length - 1] < stored.seq) {
      const { event, data } = await resumed.nextEvent<BoardEvent>();
      expect(event).not.toBe('snapshot');
      if ('seq' in data) seqs.push(data.seq);
    }
    expect(seqs).toEqual(Array.from({ length: stored.seq - 1 }, (_, i) => i + 2));
    expect(await resumed.silentFor(300)).toBe(true);
  });

  it('accepts the position as a lastEventId query parameter', async () => {
    await delay(5);
    const resumed = await open(`?lastEventId=${epoch}.1`);
    expect(await resumed.nextEvent()).toMatchObject({ event: 'departure-set', id: `${epoch}.2` });
  });

  it('sends nothing but live changes to a screen that is already up to date', async () => {
    const resumed = await open('', { 'last-event-id': `${epoch}.1` });
    expect(await resumed.silentFor(300)).toBe(true);
    await delay(6);
    expect(await resumed.nextEvent()).toMatchObject({ event: 'departure-set', id: `${epoch}.2` });
  });

  it.each([
    ['an id from another store (foreign epoch)', 'ffffffffff.1'],
    ['a malformed id', 'not-an-id'],
    ['an id ahead of the store', '<epoch>.999'],
  ])('sends a fresh snapshot for %s', async (_, id) => {
    await delay(7);
    const reader = await open('', { 'last-event-id': id.replace('<epoch>', epoch) });
    const first = await reader.nextEvent<BoardEvent>();
    expect(first.event).toBe('snapshot');
    expect(first.id).toBe(`${epoch}.2`);
  });

  it('sends a fresh snapshot when the missed changes are past the retention', async () => {
    for (const minutes of [1, 2, 3, 4]) await delay(minutes);
    const trimmed = await t.app.get(LogRetention).trim(new Date(Date.now() + 25 * 3_600_000));
    expect(trimmed).toBe(3);
    const reader = await open('', { 'last-event-id': `${epoch}.1` });
    expect(await reader.nextEvent()).toMatchObject({ event: 'snapshot', id: `${epoch}.5` });
    const kept = await open('', { 'last-event-id': `${epoch}.3` });
    expect(await kept.nextEvent()).toMatchObject({ event: 'departure-set', id: `${epoch}.4` });
  });
});
