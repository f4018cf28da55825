import type { Board } from '#shared/board';
import type { BoardEvent } from '#shared/board-event';
import { LoadMonitor } from '../../server/src/board-core/load-monitor';
import { SseReader } from '../support/sse-reader';
import { postgresEngine, type TestStore } from '../support/stores';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const LIMIT = 150;
const BATCH = 100;
const BATCHES = 60;

const batch = (n: number) => ({
  updates: Array.from({ length: BATCH }, (_, i) => ({
    op: 'put-departure',
    stationId: 'zurich-hb',
    departureId: `b${n}-${i}`,
    departure: departureBody({ destination: `Storm ${n}` }, 10 + (i % 600)),
  })),
});

async function stationsOf(t: TestApp): Promise<void> {
  await createStation(t, 'zurich-hb', 'Zürich HB');
  await createStation(t, 'chur', 'Chur');
  const res = await t.request('/api/stations/chur/departures/ic3', {
    method: 'PUT',
    auth: true,
    json: departureBody({ line: 'IC 3', destination: 'Basel SBB' }),
  });
  expect(res.status).toBe(201);
}

async function expectOverloaded(r: Response): Promise<void> {
  expect(r.status).toBe(503);
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await r.json()).toMatchObject({ statusCode: 503, error: 'overloaded' });
}

async function departuresAt(t: TestApp, stationId: string): Promise<Board['departures']> {
  return ((await (await t.request(`/api/stations/${stationId}/board`)).json()) as Board).departures;
}

/**
 * A storm of feed batches at one station, more than the store takes at once: the write queue stays
 * bounded (WRITE_QUEUE_LIMIT), what does not fit gets 503 `overloaded` with Retry-After and changes
 * nothing, and an operator's change to a quiet station still gets in and reaches its screen. On
 * PostgreSQL writes wait for the database, so concurrent ones queue in the instance; with the
 * embedded store they never do (each runs to its end on the event loop), which the next suite covers.
 */
const describePostgres = process.env.DATABASE_URL ? describe : describe.skip;
describePostgres('postgres: writes beyond WRITE_QUEUE_LIMIT (e2e)', () => {
  let t: TestApp;
  let store: TestStore;

  beforeAll(async () => {
    store = await postgresEngine(process.env.DATABASE_URL!).create();
    t = await startTestApp({ ...store.env, WRITE_QUEUE_LIMIT: String(LIMIT) });
    await stationsOf(t);
  });
  afterAll(async () => {
    await t?.close();
    await store?.drop();
  });

  it('refuses what does not fit with 503 and Retry-After, stores all it accepted and nothing it refused, and lets a small write to a quiet station through', async () => {
    const quietScreen = new SseReader(await fetch(`${t.baseUrl}/api/stations/chur/board/events`));
    expect((await quietScreen.next()).event).toBe('snapshot');

    const storm = Array.from({ length: BATCHES }, (_, n) => t.request('/api/updates', { method: 'POST', auth: true, json: batch(n) }));
    // While the storm is queued: the operator delays the quiet station's train.
    const operator = t.request('/api/stations/chur/departures/ic3', { method: 'PATCH', auth: true, json: { delayMinutes: 7 } });
    const answers = await Promise.all(storm);

    expect((await operator).status).toBe(200);
    const { data } = await quietScreen.nextEvent<BoardEvent>();
    expect(data).toMatchObject({ type: 'departure-set', departure: { id: 'ic3' } });
    await quietScreen.close();

    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) await expectOverloaded(r);

    const stored = new Set((await departuresAt(t, 'zurich-hb')).map((d) => d.destination));
    answers.forEach((r, n) => expect(stored.has(`Storm ${n}`)).toBe(r.status === 200));

    const metrics = await (await t.request('/metrics')).text();
    expect(metrics).toMatch(/^headway_write_queue_changes 0$/m);
    expect(Number(/^headway_writes_refused_total\{reason="queue_full"\} (\d+)$/m.exec(metrics)?.[1])).toBe(refused.length);
    // Once drained, a batch is taken again.
    expect((await t.request('/api/updates', { method: 'POST', auth: true, json: batch(999) })).status).toBe(200);
  });
});

/**
 * Keeps this process's event loop late on every turn, as a flood of writes would (the app under
 * test runs in it): each turn is held for `turnMs`, for `forMs` in all. Resolves when it stops.
 */
function overload(turnMs: number, forMs: number): Promise<void> {
  const end = Date.now() + forMs;
  return new Promise((resolve) => {
    const turn = () => {
      const until = Math.min(end, Date.now() + turnMs);
      while (Date.now() < until) {
        // busy: nothing else runs in this turn
      }
      if (Date.now() >= end) resolve();
      else setImmediate(turn);
    };
    setImmediate(turn);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writes while the instance is behind (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ WRITE_MAX_LAG_MS: '300' });
    await stationsOf(t);
  });
  afterAll(() => t?.close());

  it("refuses batches with 503 while its event loop runs late, still takes an operator's change and delivers it, and takes batches again once caught up", async () => {
    const quietScreen = new SseReader(await fetch(`${t.baseUrl}/api/stations/chur/board/events`));
    expect((await quietScreen.next()).event).toBe('snapshot');
    expect((await t.request('/api/updates', { method: 'POST', auth: true, json: batch(1) })).status).toBe(200);

    // One long task is not an overload: the next batch is taken.
    const start = Date.now();
    while (Date.now() < start + 800) {
      // a schedule import's worth of work in one turn
    }
    expect((await t.request('/api/updates', { method: 'POST', auth: true, json: batch(1) })).status).toBe(200);

    const flood = overload(450, 4_000);
    // Behind once a whole window of the monitor's was late: when that is depends on where its windows
    // fall, so wait for it rather than for a fixed time.
    await waitFor(() => t.app.get(LoadMonitor).behind, 3_500, 'the instance behind');
    const refused = t.request('/api/updates', { method: 'POST', auth: true, json: batch(2) });
    const patched = t.request('/api/stations/chur/departures/ic3', { method: 'PATCH', auth: true, json: { delayMinutes: 4 } });
    await expectOverloaded(await refused);
    expect((await patched).status).toBe(200);
    await flood;
    const { data } = await quietScreen.nextEvent<BoardEvent>();
    expect(data).toMatchObject({ type: 'departure-set', departure: { id: 'ic3' } });
    await quietScreen.close();

    const metrics = await (await t.request('/metrics')).text();
    expect(Number(/^headway_writes_refused_total\{reason="behind"\} (\d+)$/m.exec(metrics)?.[1])).toBe(1);
    expect(metrics).toMatch(/^headway_write_wait_seconds_count \d+$/m);
    expect(metrics).toMatch(/^headway_nodejs_eventloop_lag_p99_seconds /m);

    // A quiet window later the lag is gone from the record, and batches are taken again.
    await sleep(1_100);
    expect((await t.request('/api/updates', { method: 'POST', auth: true, json: batch(3) })).status).toBe(200);
    const destinations = new Set((await departuresAt(t, 'zurich-hb')).map((d) => d.destination));
    expect([...destinations].sort()).toEqual(['Storm 1', 'Storm 3']);
  });
});
