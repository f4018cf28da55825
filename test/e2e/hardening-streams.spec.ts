import type { Kysely } from 'kysely';
import type { Screen } from '#shared/screens';
import type { Database } from '../../server/src/store/database';
import { KyselyScreensRepository } from '../../server/src/store/kysely-screens.repository';
import type { ScreenRecord } from '../../server/src/screens/screens.repository';
import { storeEngines, type TestStore } from '../support/stores';
import { MAX_SCREENS_PER_STATION, ScreenFleet } from '../../server/src/screens/screen-fleet.service';
import { ScreensRepository } from '../../server/src/screens/screens.repository';
import { type ConsoleSession, signIn } from '../support/console-session';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
}

describe('streams per client address (e2e)', () => {
  let t: TestApp;
  const open: SseReader[] = [];
  beforeEach(async () => {
    // Three streams per address; the loopback proxy is trusted, so X-Forwarded-For names other clients.
    t = await startTestApp({ STREAMS_PER_CLIENT: '3', TRUST_PROXY: 'loopback' });
    await createStation(t, 'bern', 'Bern');
  });
  afterEach(async () => {
    for (const reader of open.splice(0)) await reader.close();
    await t.close();
  });

  const connect = (headers: Record<string, string> = {}, station = 'bern') =>
    fetch(`${t.baseUrl}/api/stations/${station}/board/events`, { headers });
  const stream = async (headers: Record<string, string> = {}) => {
    const res = await connect(headers);
    expect(res.status).toBe(200);
    const reader = new SseReader(res);
    open.push(reader);
    await reader.next();
    return reader;
  };
  const refusedTotal = async () =>
    Number(/^headway_streams_refused_total (\S+)$/m.exec(await (await fetch(`${t.baseUrl}/metrics`)).text())?.[1] ?? NaN);

  it('refuses a stream past STREAMS_PER_CLIENT with 429 too_many_streams and Retry-After, counts it, and leaves the open ones and other clients alone', async () => {
    const screens = [await stream(), await stream(), await stream()];

    const refused = await connect();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      error: 'too_many_streams',
      message: expect.stringContaining('3 event streams open'),
    });
    expect(await refusedTotal()).toBe(1);

    // Another client address has its own allowance.
    await stream({ 'x-forwarded-for': '203.0.113.9' });
    // The three open streams still get every change.
    await t.request('/api/stations/bern/departures/ic1', { method: 'PUT', auth: true, json: departureBody() });
    for (const screen of screens) expect((await screen.nextEvent()).event).toBe('departure-set');
  });

  it('gives a slot back exactly once when a stream ends, and none is held by refused or failed requests', async () => {
    // Refusals before any stream is set up hold nothing: an unknown station, a malformed query.
    for (let i = 0; i < 5; i++) {
      expect((await connect({}, 'atlantis')).status).toBe(404);
      expect((await fetch(`${t.baseUrl}/api/stations/bern/board/events?screen=!`)).status).toBe(400);
    }
    const first = await stream();
    await stream();
    await stream();
    expect((await connect()).status).toBe(429);

    await first.close();
    await waitFor(async () => {
      const res = await connect();
      if (res.status === 200) open.push(new SseReader(res));
      else await res.body?.cancel();
      return res.status === 200;
    });
    // Three open again: one closed, one came in; a slot given back twice would let a fifth in.
    const again = await connect();
    expect([again.status, ((await again.json()) as ApiErrorBody).error]).toEqual([429, 'too_many_streams']);
  });
});

describe('screen beacons (e2e)', () => {
  const KIOSK = 'kiosk-winterthur-gleis-3';
  const OTHER = 'kiosk-zurich-halle-1';
  let t: TestApp;
  let zurichOperator: ConsoleSession;
  const open: SseReader[] = [];

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t, 'winterthur', 'Winterthur');
    await createStation(t, 'zurich-hb', 'Zürich HB');
    const admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
    await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'ops-zurich', password: 'a long operator password', role: 'operator', stations: ['zurich-hb'] },
    });
    zurichOperator = await signIn(t, 'ops-zurich', 'a long operator password');
  });
  afterEach(async () => {
    for (const reader of open.splice(0)) await reader.close();
    await t.close();
  });

  /** A station screen's stream, read past its snapshot; returns it with the beacon key it was given. */
  const screenStream = async (screenId: string, station: string) => {
    const reader = new SseReader(await fetch(`${t.baseUrl}/api/stations/${station}/board/events?screen=${screenId}&v=0.1.0`));
    open.push(reader);
    expect((await reader.next()).event).toBe('snapshot');
    const hello = await reader.nextEvent<{ type: string; beaconKey: string }>();
    expect(hello.event).toBe('screen');
    return { reader, beaconKey: hello.data.beaconKey };
  };
  const beacon = (screenId: string, json: unknown) => t.request(`/api/screens/${screenId}/beacon`, { method: 'POST', json });
  const fleet = async () => {
    await t.app.get(ScreenFleet).flush();
    return (await (await t.request('/api/screens', { auth: true })).json()) as Screen[];
  };

  it('refuses beacons without the key of an open stream of the screen, and stores none of them', async () => {
    // Anyone's claim, naming a station (here one that does not exist), carries no key: refused by validation.
    const old = await beacon('made-up-screen-x', { stationId: 'atlantis', version: '0.1.0', dataAgeSeconds: 0 });
    expect(old.status).toBe(400);
    const body = (await old.json()) as ApiErrorBody;
    expect(body.error).toBe('validation_failed');
    expect(body.fields!.map((f) => f.field).sort()).toEqual(['beaconKey', 'stationId']);
    for (let i = 0; i < 5; i++) {
      const res = await beacon(`made-up-screen-${i}`, { beaconKey: 'A'.repeat(32), version: '0.1.0', dataAgeSeconds: 0 });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        statusCode: 404,
        error: 'not_found',
        message: `Screen "made-up-screen-${i}" has no open stream with this beacon key`,
      });
    }
    expect(await fleet()).toEqual([]);
  });

  it('counts a beacon at its own stream’s station, so an operator of another station still may not reload the screen', async () => {
    const kiosk = await screenStream(KIOSK, 'winterthur');
    const other = await screenStream(OTHER, 'zurich-hb');

    const moved = await beacon(KIOSK, { beaconKey: kiosk.beaconKey, stationId: 'zurich-hb', version: '0.1.0', dataAgeSeconds: 0 });
    expect([moved.status, ((await moved.json()) as ApiErrorBody).fields?.map((f) => f.field)]).toEqual([400, ['stationId']]);
    // Another screen's key does not speak for this one.
    expect((await beacon(KIOSK, { beaconKey: other.beaconKey, version: '0.1.0', dataAgeSeconds: 0 })).status).toBe(404);
    expect((await beacon(KIOSK, { beaconKey: kiosk.beaconKey, version: '0.1.0', dataAgeSeconds: 3 })).status).toBe(204);

    expect((await fleet()).find((s) => s.id === KIOSK)).toMatchObject({
      stationId: 'winterthur',
      connected: true,
      dataAgeSeconds: 3,
      stale: false,
    });
    const reload = await zurichOperator.request(`/api/screens/${KIOSK}/reload`, { method: 'POST' });
    expect([reload.status, ((await reload.json()) as ApiErrorBody).error]).toEqual([403, 'forbidden']);
    expect(await kiosk.reader.silentFor(300)).toBe(true);
  });

  it('refuses the key of a stream that has closed, so a beacon cannot hide a screen that went away', async () => {
    const kiosk = await screenStream(KIOSK, 'winterthur');
    await kiosk.reader.close();
    await waitFor(async () => (await fleet()).find((s) => s.id === KIOSK)?.connected === false);

    expect((await beacon(KIOSK, { beaconKey: kiosk.beaconKey, version: '0.1.0', dataAgeSeconds: 0 })).status).toBe(404);
    expect((await fleet()).find((s) => s.id === KIOSK)).toMatchObject({ connected: false, stale: true, dataAgeSeconds: null });
  });

  it('does not hand a screen to another station’s operators when someone opens a stream there under its id', async () => {
    const kiosk = await screenStream(KIOSK, 'winterthur');
    const impostor = await screenStream(KIOSK, 'zurich-hb');
    expect((await fleet()).find((s) => s.id === KIOSK)?.stationId).toBe('zurich-hb');

    // Zürich HB's operator may reload what is at Zürich HB: the impostor's stream, not the kiosk in Winterthur.
    expect((await zurichOperator.request(`/api/screens/${KIOSK}/reload`, { method: 'POST' })).status).toBe(204);
    expect((await impostor.reader.next(2_000, { heartbeats: true })).event).toBe('reload');
    expect(await kiosk.reader.silentFor(300)).toBe(true);

    // The kiosk's next beacon puts it back at its own station.
    expect((await beacon(KIOSK, { beaconKey: kiosk.beaconKey, version: '0.1.0', dataAgeSeconds: 1 })).status).toBe(204);
    expect((await fleet()).find((s) => s.id === KIOSK)?.stationId).toBe('winterthur');
  });

  it('keeps at most 1,000 screens per station, forgetting the longest-gone first and never a connected one', async () => {
    // Gone within the last hour, one a second: none old enough to be forgotten for its age.
    const since = Date.now() - 3_600_000;
    const gone = Array.from({ length: MAX_SCREENS_PER_STATION + 20 }, (_, i) => ({
      id: `gone-screen-${String(i).padStart(5, '0')}`,
      station_id: 'winterthur',
      version: '0.1.0',
      connected: 0,
      last_seen_at: new Date(since + i * 1_000).toISOString(),
      data_age_seconds: null,
      user_agent: null,
      reload_requested_at: null,
      stream_key: null,
    }));
    await t.app.get(ScreensRepository).saveAll(gone);
    const kiosk = await screenStream(KIOSK, 'winterthur');
    const leaving = await screenStream(OTHER, 'winterthur');
    await leaving.reader.close();
    await waitFor(async () => (await fleet()).find((s) => s.id === OTHER)?.connected === false);

    const ids = (await fleet()).filter((s) => s.stationId === 'winterthur').map((s) => s.id);
    expect(MAX_SCREENS_PER_STATION).toBe(1_000);
    expect(ids).toHaveLength(1_000);
    expect(ids).toEqual(expect.arrayContaining([KIOSK, OTHER, gone[gone.length - 1].id]));
    expect(ids).not.toContain(gone[0].id);
    // 1,000 kept: the connected kiosk, the screen that just left, and the newest 998 of the others.
    expect(ids).not.toContain(gone[21].id);
    expect(ids).toContain(gone[22].id);
    await kiosk.reader.close();
  });
});

/** The fleet's checks that live in the store, held on every engine (several instances share one). */
describe.each(storeEngines())('$name: the screens repository', (engine) => {
  let store: TestStore;
  let db: Kysely<Database>;
  let screens: KyselyScreensRepository;
  const row = (id: string, over: Partial<ScreenRecord> = {}): ScreenRecord => ({
    id,
    station_id: 'bern',
    version: '0.1.0',
    connected: 0,
    last_seen_at: '2026-12-01T10:00:00.000Z',
    data_age_seconds: null,
    user_agent: null,
    reload_requested_at: null,
    stream_key: null,
    ...over,
  });

  beforeEach(async () => {
    store = await engine.create();
    db = await store.open();
    screens = new KyselyScreensRepository(db);
  });
  afterEach(async () => {
    await db.destroy();
    await store.drop();
  });

  it('stores a report only for a connected screen whose stream has that key', async () => {
    await screens.saveAll([row('open-screen-1', { connected: 1, stream_key: 'key-a' }), row('gone-screen-1', { stream_key: 'key-b' })]);
    const report = { version: '0.2.0', last_seen_at: '2026-12-01T10:01:00.000Z', data_age_seconds: 4, user_agent: 'Chrome 131' };
    expect(await screens.reportIfOpen('open-screen-1', 'key-b', report)).toBe(false);
    expect(await screens.reportIfOpen('gone-screen-1', 'key-b', report)).toBe(false);
    expect(await screens.reportIfOpen('no-such-screen', 'key-a', report)).toBe(false);
    expect(await screens.find('open-screen-1')).toMatchObject({ version: '0.1.0', data_age_seconds: null });
    expect(await screens.reportIfOpen('open-screen-1', 'key-a', report)).toBe(true);
    expect(await screens.find('open-screen-1')).toMatchObject({
      station_id: 'bern',
      connected: 1,
      version: '0.2.0',
      data_age_seconds: 4,
      stream_key: 'key-a',
    });
  });

  it('prunes disconnected screens past the caps per station and in all, the longest-gone first, never a connected one', async () => {
    const at = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
    await screens.saveAll([
      row('bern-connected', { connected: 1, last_seen_at: at(0) }),
      ...[1, 2, 3, 4].map((m) => row(`bern-gone-${m}`, { last_seen_at: at(m) })),
      ...[5, 6].map((m) => row(`thun-gone-${m}`, { station_id: 'thun', last_seen_at: at(m) })),
    ]);
    expect(await screens.prune(3, 100)).toBe(2);
    expect((await screens.list(['bern'])).map((s) => s.id).sort()).toEqual(['bern-connected', 'bern-gone-3', 'bern-gone-4']);
    expect(await screens.prune(3, 4)).toBe(1);
    expect((await screens.list(null)).map((s) => s.id).sort()).toEqual(['bern-connected', 'bern-gone-4', 'thun-gone-5', 'thun-gone-6']);
  });
});
