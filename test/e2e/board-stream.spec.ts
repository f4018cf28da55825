import { EventSource } from 'eventsource';
import { applyEvent } from '#shared/apply-event';
import type { Board } from '#shared/board';
import type { BoardEvent, DepartureSetEvent, HeartbeatEvent, SnapshotEvent } from '#shared/board-event';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('board stream (e2e)', () => {
  let t: TestApp;
  const readers: SseReader[] = [];

  beforeEach(async () => {
    t = await startTestApp({ HEARTBEAT_MS: '1000' });
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
    await t.close();
  });

  async function open(stationId = 'zurich-hb'): Promise<SseReader> {
    const res = await fetch(`${t.baseUrl}/api/stations/${stationId}/board/events`);
    const reader = new SseReader(res);
    readers.push(reader);
    return reader;
  }
  const epochOf = async (): Promise<string> => ((await (await t.request('/api/stations/zurich-hb/board')).json()) as Board).epoch;

  it('answers 404 as JSON for an unknown station, before any stream starts', async () => {
    const res = await fetch(`${t.baseUrl}/api/stations/nowhere/board/events`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'Station "nowhere" does not exist' });
  });

  it('sends the snapshot first, then a posted change as a typed event with the next id', async () => {
    const reader = await open();
    expect(reader.response.headers.get('content-type')).toBe('text/event-stream');
    const epoch = await epochOf();
    const first = await reader.nextEvent<SnapshotEvent>();
    expect(first.event).toBe('snapshot');
    expect(first.id).toBe(`${epoch}.1`);
    expect(first.retry).toBeGreaterThanOrEqual(1000);
    expect(first.data.board.departures.map((d) => d.id)).toEqual(['s8']);

    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json: { delayMinutes: 16, platform: '7' } });
    const change = await reader.nextEvent<DepartureSetEvent>();
    expect(change.event).toBe('departure-set');
    expect(change.id).toBe(`${epoch}.2`);
    expect(change.data).toMatchObject({
      type: 'departure-set',
      seq: 2,
      departure: { id: 's8', status: 'delayed', platform: '7', scheduledPlatform: '33' },
    });

    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'DELETE', auth: true });
    expect(await reader.nextEvent()).toMatchObject({
      event: 'departure-removed',
      id: `${epoch}.3`,
      data: { type: 'departure-removed', seq: 3, departureId: 's8' },
    });
  });

  it('delivers each change once to every screen of the station, and none to other stations', async () => {
    await createStation(t, 'bern', 'Bern');
    const screens = [await open(), await open(), await open()];
    const other = await open('bern');
    for (const s of [...screens, other]) await s.next();
    await t.request('/api/stations/zurich-hb/alerts', {
      method: 'POST',
      auth: true,
      json: { severity: 'severe', text: 'No trains to Bern' },
    });
    for (const s of screens) {
      expect(await s.nextEvent()).toMatchObject({
        event: 'alert-set',
        data: { seq: 2, alert: { severity: 'severe', text: 'No trains to Bern' } },
      });
      expect(await s.silentFor(300)).toBe(true);
    }
    expect(await other.silentFor(300)).toBe(true);
  });

  it('loses no change made while a screen connects: snapshot plus events equal the stored board', async () => {
    const writes = Array.from({ length: 60 }, (_, i) =>
      t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json: { delayMinutes: i + 1 } }),
    );
    const reader = await open();
    let board: Board | null = null;
    const seen: number[] = [];
    await Promise.all(writes);
    const final = (await (await t.request('/api/stations/zurich-hb/board')).json()) as Board;
    while (board === null || board.seq < final.seq) {
      const { data } = await reader.nextEvent<BoardEvent>();
      if ('seq' in data) seen.push(data.seq);
      board = applyEvent(board, data);
    }
    expect(board).toEqual(final);
    expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
    expect(await reader.silentFor(300)).toBe(true);
  });

  it("sends heartbeats with the server clock that keep the screen's position", async () => {
    const reader = await open();
    const snapshot = await reader.nextEvent();
    const beat = await reader.nextEvent<HeartbeatEvent>(3000, { heartbeats: true });
    expect(beat.event).toBe('heartbeat');
    expect(beat.id).toBe(snapshot.id);
    expect(beat.data).toEqual({ type: 'heartbeat', serverTime: expect.any(String), version: expect.any(String), intervalMs: 1000 });
    expect(Math.abs(Date.parse(beat.data.serverTime) - Date.now())).toBeLessThan(2000);
  });

  it('works with a real EventSource client', async () => {
    const source = new EventSource(`${t.baseUrl}/api/stations/zurich-hb/board/events`);
    try {
      const received: MessageEvent[] = [];
      let notify = (): void => undefined;
      for (const type of ['snapshot', 'departure-set']) {
        source.addEventListener(type, (e) => {
          received.push(e);
          notify();
        });
      }
      const arrived = (n: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`only ${received.length} events`)), 5000);
          notify = () => received.length >= n && (clearTimeout(timer), resolve());
          notify();
        });
      await arrived(1);
      await t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        auth: true,
        json: { cancelled: true, cancelReason: 'Signal failure' },
      });
      await arrived(2);
      const epoch = await epochOf();
      expect(received.map((e) => [e.type, e.lastEventId])).toEqual([
        ['snapshot', `${epoch}.1`],
        ['departure-set', `${epoch}.2`],
      ]);
      expect(JSON.parse(received[1].data as string)).toMatchObject({ departure: { status: 'cancelled', cancelReason: 'Signal failure' } });
    } finally {
      source.close();
    }
  });
});
