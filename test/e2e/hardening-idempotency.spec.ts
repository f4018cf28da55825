import type { ApiError, BatchReport } from '#shared/api';
import type { ApiToken, CreatedApiToken } from '#shared/auth';
import type { Board } from '#shared/board';
import { type ConsoleSession, signIn } from '../support/console-session';
import { departureBody } from '../support/factories';
import { postgresEngine, type TestStore } from '../support/stores';
import { createStation, startTestApp, TEST_ADMIN, TEST_TOKEN, type TestApp } from '../support/test-app';

const bearer = { authorization: `Bearer ${TEST_TOKEN}` };
const keyed = (key: string, headers: Record<string, string> = bearer) => ({ ...headers, 'idempotency-key': key });
const consoleHeaders = (s: ConsoleSession) => ({ cookie: s.cookie, 'x-csrf-token': s.info.csrfToken });

const board = async (t: TestApp) => (await (await t.request('/api/stations/zurich-hb/board')).json()) as Board;
const tokens = async (t: TestApp) => (await (await t.request('/api/tokens', { auth: true })).json()) as ApiToken[];
const createToken = (t: TestApp, key: string, name = 'feed-a') =>
  t.request('/api/tokens', { method: 'POST', json: { name, permissions: ['departures'] }, headers: keyed(key) });

async function seed(t: TestApp): Promise<ConsoleSession> {
  await createStation(t);
  for (const id of ['s8', 's9'])
    await t.request(`/api/stations/zurich-hb/departures/${id}`, { method: 'PUT', auth: true, json: departureBody() });
  return signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
}

async function user(t: TestApp, admin: ConsoleSession, username: string, role: 'viewer' | 'operator'): Promise<ConsoleSession> {
  const res = await admin.request('/api/users', {
    method: 'POST',
    json: { username, password: `a long password of ${username}`, role, stations: role === 'operator' ? ['zurich-hb'] : null },
  });
  if (res.status !== 201) throw new Error(`creating ${username}: ${res.status} ${await res.text()}`);
  return signIn(t, username, `a long password of ${username}`);
}

describe('Idempotency-Key, per caller, on every write (e2e)', () => {
  let t: TestApp;
  let admin: ConsoleSession;
  beforeEach(async () => {
    t = await startTestApp();
    admin = await seed(t);
  });
  afterEach(() => t.close());

  it('creates one token for two POST /api/tokens with one key, and answers both the same', async () => {
    const first = await createToken(t, 'tok-1');
    const retry = await createToken(t, 'tok-1');
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const created = (await first.json()) as CreatedApiToken;
    expect(await retry.json()).toEqual(created);
    expect((await tokens(t)).filter((x) => x.name === 'feed-a').map((x) => x.id)).toEqual([created.id]);
  });

  it('refuses a reused key with another body on a route outside the board, and creates nothing', async () => {
    await createToken(t, 'tok-2', 'feed-a');
    const before = await tokens(t);
    const reused = await createToken(t, 'tok-2', 'feed-b');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      statusCode: 422,
      error: 'idempotency_key_reused',
      message: 'This Idempotency-Key was already used for a different request; use a new key for a new change',
    });
    expect((await tokens(t)).map((x) => x.id)).toEqual(before.map((x) => x.id));
  });

  it('does not burn a key on a token request that was refused', async () => {
    const bad = await t.request('/api/tokens', { method: 'POST', json: { name: 'x', permissions: ['flying'] }, headers: keyed('tok-3') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiError).fields?.map((f) => f.field)).toEqual(['permissions']);
    const good = await createToken(t, 'tok-3');
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers N concurrent requests with one key once, the same for all', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => createToken(t, 'tok-burst')));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect((await tokens(t)).filter((x) => x.name === 'feed-a')).toHaveLength(1);
  });

  it('does not answer a viewer with an operator’s answer to the same key', async () => {
    const operator = await user(t, admin, 'ops-zurich', 'operator');
    const viewer = await user(t, admin, 'watcher', 'viewer');
    const batch = { updates: [{ op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8', patch: { delayMinutes: 4 } }] };
    const asOperator = await t.request('/api/updates', {
      method: 'POST',
      json: batch,
      headers: keyed('shift-1', consoleHeaders(operator)),
    });
    expect(((await asOperator.json()) as BatchReport).applied).toBe(1);
    const before = await board(t);

    const asViewer = await t.request('/api/updates', { method: 'POST', json: batch, headers: keyed('shift-1', consoleHeaders(viewer)) });
    expect(asViewer.status).toBe(200);
    expect(asViewer.headers.get('idempotent-replayed')).toBeNull();
    expect(await asViewer.json()).toMatchObject({
      applied: 0,
      rejected: 1,
      results: [{ index: 0, status: 'rejected', error: { statusCode: 403, error: 'forbidden' } }],
    });
    expect(await board(t)).toEqual(before);
  });

  it('lets two operators use the same key, each for their own change', async () => {
    const [a, b] = [await user(t, admin, 'ops-a', 'operator'), await user(t, admin, 'ops-b', 'operator')];
    const patch = (s: ConsoleSession, delayMinutes: number) =>
      t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        json: { delayMinutes },
        headers: keyed('my-change', consoleHeaders(s)),
      });
    const seq = (await board(t)).seq;
    const fromA = await patch(a, 4);
    const fromB = await patch(b, 6);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    expect(fromB.headers.get('idempotent-replayed')).toBeNull();
    expect(await fromB.json()).toMatchObject({ id: 's8', version: 3 });
    const after = await board(t);
    expect(after.seq).toBe(seq + 2);
    const s8 = after.departures.find((d) => d.id === 's8')!;
    expect((Date.parse(s8.expectedTime!) - Date.parse(s8.scheduledTime)) / 60_000).toBe(6);
    // A's retry still gets A's own answer.
    const retryA = await patch(a, 4);
    expect(retryA.headers.get('idempotent-replayed')).toBe('true');
    expect(await retryA.json()).toMatchObject({ version: 2 });
  });

  it('documents the key, and its 409 while in progress, on every write that needs credentials and on no public one', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, { description: string }>; security?: unknown[] }>
      >;
    };
    const writes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([verb]) => ['post', 'put', 'patch', 'delete'].includes(verb))
        .map(([verb, op]) => ({ route: `${verb.toUpperCase()} ${path}`, op })),
    );
    const undocumented = writes.filter(
      ({ op }) => op.security !== undefined && !(op.parameters ?? []).some((p) => p.name === 'Idempotency-Key'),
    );
    expect(undocumented.map((w) => w.route)).toEqual([]);
    const withKey = writes.filter(({ op }) => (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key'));
    expect(withKey.length).toBeGreaterThanOrEqual(16);
    expect(withKey.filter(({ op }) => !op.responses['409']?.description.includes('idempotency_in_progress')).map((w) => w.route)).toEqual(
      [],
    );
    const publicWrites = writes.filter(({ op }) => op.security === undefined).map((w) => w.route);
    expect(publicWrites).toEqual(expect.arrayContaining(['POST /api/auth/login']));
    expect(withKey.map((w) => w.route)).not.toContain('POST /api/auth/login');
  });
});

/** Each authenticated write route, sent twice with one key: the second is the first's answer, and changes nothing. */
describe('every authenticated write route replays a retried key (e2e)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await seed(t);
    const alert = await t.request('/api/stations/zurich-hb/alerts', {
      method: 'POST',
      auth: true,
      json: { severity: 'info', text: 'Lift' },
    });
    ids.ALERT = ((await alert.json()) as { id: string }).id;
    const doomed = await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'doomed', password: 'a long password here', role: 'viewer' },
    });
    ids.USER = ((await doomed.json()) as { id: string }).id;
    ids.TOKEN = ((await (await createToken(t, 'setup', 'doomed')).json()) as { id: string }).id;
  });
  afterAll(() => t.close());

  const ROUTES: Array<{ route: string; method: string; path: string; json?: unknown }> = [
    { route: 'PUT station', method: 'PUT', path: '/api/stations/thun', json: { name: 'Thun', timezone: 'Europe/Zurich' } },
    { route: 'PUT departure', method: 'PUT', path: '/api/stations/zurich-hb/departures/ir1', json: departureBody({ line: 'IR' }) },
    { route: 'PATCH departure', method: 'PATCH', path: '/api/stations/zurich-hb/departures/s8', json: { platform: '7' } },
    { route: 'DELETE departure', method: 'DELETE', path: '/api/stations/zurich-hb/departures/s9' },
    { route: 'POST alert', method: 'POST', path: '/api/stations/zurich-hb/alerts', json: { severity: 'warning', text: 'Works' } },
    { route: 'DELETE alert', method: 'DELETE', path: '/api/stations/zurich-hb/alerts/ALERT' },
    {
      route: 'POST updates',
      method: 'POST',
      path: '/api/updates',
      json: { updates: [{ op: 'put-departure', stationId: 'zurich-hb', departureId: 're2', departure: departureBody({ line: 'RE' }) }] },
    },
    { route: 'POST line-delays', method: 'POST', path: '/api/stations/zurich-hb/line-delays', json: { line: 'S8', delayMinutes: 3 } },
    { route: 'POST undo', method: 'POST', path: '/api/stations/zurich-hb/undo' },
    {
      route: 'POST users',
      method: 'POST',
      path: '/api/users',
      json: { username: 'someone', password: 'a long password here', role: 'viewer' },
    },
    { route: 'DELETE users', method: 'DELETE', path: '/api/users/USER' },
    { route: 'POST tokens', method: 'POST', path: '/api/tokens', json: { name: 'feed-b', permissions: ['alerts'] } },
    { route: 'DELETE tokens', method: 'DELETE', path: '/api/tokens/TOKEN' },
  ];

  const state = async () => ({
    board: await board(t),
    stations: await (await t.request('/api/stations')).json(),
    users: await (await t.request('/api/users', { auth: true })).json(),
    tokens: (await tokens(t)).map((x) => [x.id, x.revokedAt]),
  });

  it.each(ROUTES)('$route', async ({ route, method, path, json }) => {
    const url = path.replace(/ALERT|USER|TOKEN/, (name) => ids[name]);
    const send = () => t.request(url, { method, json, headers: keyed(`retry-${route.replace(/ /g, '-')}`) });
    const first = await send();
    expect(first.status).toBeLessThan(300);
    const firstBody = await first.text();
    const after = await state();
    const retry = await send();
    expect([retry.status, retry.headers.get('idempotent-replayed'), await retry.text()]).toEqual([first.status, 'true', firstBody]);
    expect(await state()).toEqual(after);
  });
});

/**
 * Concurrent retries of one key, on SQLite (one instance) and, when `DATABASE_URL` is set, on
 * PostgreSQL with two instances sharing the store, as behind a load balancer.
 */
const engines = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
describe.each(engines)('%s: concurrent retries of one key (e2e)', (engine) => {
  let store: TestStore | null = null;
  let apps: TestApp[] = [];
  beforeEach(async () => {
    if (engine === 'postgres') {
      store = await postgresEngine(process.env.DATABASE_URL!).create();
      apps = [await startTestApp(store.env), await startTestApp(store.env)];
    } else {
      apps = [await startTestApp()];
    }
    await seed(apps[0]);
  });
  afterEach(async () => {
    for (const app of apps) await app.close();
    await store?.drop();
    store = null;
  });

  /** Sends `count` requests at once, spread over the instances; the answers are the original, replays, or "in progress". */
  async function burst(
    send: (t: TestApp) => Promise<Response>,
    count = 10,
  ): Promise<Array<{ status: number; body: unknown; retryAfter: string | null }>> {
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => send(apps[i % apps.length])));
    return Promise.all(answers.map(async (a) => ({ status: a.status, body: await a.json(), retryAfter: a.headers.get('retry-after') })));
  }

  function expectOneOutcome(answers: Array<{ status: number; body: unknown; retryAfter: string | null }>, status: number): unknown {
    const done = answers.filter((a) => a.status === status);
    const busy = answers.filter((a) => a.status !== status);
    expect(done.length).toBeGreaterThan(0);
    expect(new Set(done.map((a) => JSON.stringify(a.body))).size).toBe(1);
    // Only another instance's request still running answers "in progress", and says when to come back.
    for (const a of busy) expect(a).toMatchObject({ status: 409, body: { error: 'idempotency_in_progress' }, retryAfter: '1' });
    if (apps.length === 1) expect(busy).toEqual([]);
    return done[0].body;
  }

  it('creates one token', async () => {
    const answers = await burst((t) => createToken(t, 'burst-token'));
    const created = expectOneOutcome(answers, 201) as CreatedApiToken;
    expect((await tokens(apps[0])).filter((x) => x.name === 'feed-a').map((x) => x.id)).toEqual([created.id]);
    for (const t of apps) expect(await (await createToken(t, 'burst-token')).json()).toEqual(created);
  });

  it('posts one alert', async () => {
    const post = (t: TestApp) =>
      t.request('/api/stations/zurich-hb/alerts', {
        method: 'POST',
        json: { severity: 'info', text: 'Once' },
        headers: keyed('burst-alert'),
      });
    const before = (await board(apps[0])).seq;
    const posted = expectOneOutcome(await burst(post), 201) as { id: string };
    const after = await board(apps[0]);
    expect(after.alerts.map((a) => a.id)).toEqual([posted.id]);
    expect(after.seq).toBe(before + 1);
  });
});
