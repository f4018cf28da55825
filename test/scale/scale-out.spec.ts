import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError } from '#shared/api';
import type { BoardEvent, HeartbeatEvent } from '#shared/board-event';
import { departureBody } from '../support/factories';
import { freePort, serverIsBuilt, startServer, type ServerProcess } from '../support/server-process';
import { SseReader } from '../support/sse-reader';
import { postgresEngine, type TestStore } from '../support/stores';
import { LOCKED_HOOK_TIMEOUT_MS, lockSharedRedis, unlockSharedRedis } from '../support/redis-lock';
import { TcpProxy } from '../support/tcp-proxy';
import { TEST_TOKEN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const canRun = Boolean(DATABASE_URL && REDIS_URL && serverIsBuilt());
if (!canRun) console.warn('Scale-out tests SKIPPED: they need DATABASE_URL, REDIS_URL and `npm run build` (CI sets both)');
const describeScale = canRun ? describe : describe.skip;

/** Two built servers sharing one PostgreSQL database and Redis, as behind a load balancer. */
describeScale('several instances on PostgreSQL and Redis', () => {
  let store: TestStore;
  let servers: ServerProcess[] = [];
  let dirs: string[] = [];

  async function instance(env: Record<string, string> = {}): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'headway-scale-'));
    dirs.push(dir);
    const server = await startServer(dir, await freePort(), { ...store.env, REDIS_URL: REDIS_URL!, HEARTBEAT_MS: '1000', ...env });
    servers.push(server);
    return server;
  }

  const write = (server: ServerProcess, path: string, method: string, body: unknown) =>
    fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const putDeparture = (server: ServerProcess, id: string, minutes = 10) =>
    write(server, `/api/stations/bern/departures/${id}`, 'PUT', departureBody({}, minutes));
  const watch = async (server: ServerProcess, lastEventId?: string) => {
    const reader = new SseReader(
      await fetch(`${server.baseUrl}/api/stations/bern/board/events`, { headers: lastEventId ? { 'last-event-id': lastEventId } : {} }),
    );
    return reader;
  };
  /** Reads change events until `count` arrived; returns their seqs in arrival order. */
  async function seqs(reader: SseReader, count: number, timeoutMs = 10_000): Promise<number[]> {
    const got: number[] = [];
    const deadline = Date.now() + timeoutMs;
    while (got.length < count) {
      const { data } = await reader.nextEvent<BoardEvent>(Math.max(1, deadline - Date.now()));
      if (data.type !== 'snapshot' && data.type !== 'heartbeat' && data.type !== 'reload' && data.type !== 'screen') got.push(data.seq);
    }
    return got;
  }

  // This suite restarts the shared Redis: no other file may use it meanwhile.
  beforeAll(() => lockSharedRedis(), LOCKED_HOOK_TIMEOUT_MS);
  afterAll(() => unlockSharedRedis());

  beforeEach(async () => {
    store = await postgresEngine(DATABASE_URL!).create();
    servers = [];
    dirs = [];
  });
  afterEach(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await store.drop();
  });

  it('delivers a change posted to one instance to a screen on the other, every change once and in order', async () => {
    const [a, b] = [await instance(), await instance()];
    expect((await write(a, '/api/stations/bern', 'PUT', { name: 'Bern', timezone: 'Europe/Zurich' })).status).toBe(201);
    const onB = await watch(b);
    expect((await onB.nextEvent<BoardEvent>()).data.type).toBe('snapshot');
    expect((await putDeparture(a, 'ic1')).status).toBe(201);
    // Through Redis: sooner than the store comparison (every 10 s while Redis is up) could bring it.
    expect(await seqs(onB, 1, 5_000)).toEqual([1]);
    // Writes to both instances at once: the screen still sees 2..21 in order, each once.
    await Promise.all(Array.from({ length: 20 }, (_, i) => putDeparture(i % 2 ? a : b, `d${i}`, 10 + i)));
    expect(await seqs(onB, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(await onB.silentFor(500)).toBe(true);
    await onB.close();
  });

  it("never lets two instances overwrite each other's edits of one departure", async () => {
    const [a, b] = [await instance(), await instance()];
    await write(a, '/api/stations/bern', 'PUT', { name: 'Bern', timezone: 'Europe/Zurich' });
    await putDeparture(a, 'ic1');
    const patches = await Promise.all(
      Array.from({ length: 20 }, (_, i) => write(i % 2 ? a : b, '/api/stations/bern/departures/ic1', 'PATCH', { delayMinutes: i + 1 })),
    );
    expect(patches.map((r) => r.status)).toEqual(Array(20).fill(200));
    const versions = await Promise.all(patches.map(async (r) => ((await r.json()) as { version: number }).version));
    // Each edit was made on the row as the one before it left it: versions 2..21, none twice.
    expect(versions.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('resumes a screen on the other instance from its Last-Event-ID', async () => {
    const [a, b] = [await instance(), await instance()];
    await write(a, '/api/stations/bern', 'PUT', { name: 'Bern', timezone: 'Europe/Zurich' });
    await putDeparture(a, 'first');
    const onA = await watch(a);
    const snapshot = await onA.nextEvent<BoardEvent>();
    await onA.close();
    for (const id of ['x', 'y', 'z']) await putDeparture(a, id);
    const onB = await watch(b, snapshot.id);
    const resumed = await seqs(onB, 3);
    expect(resumed).toEqual([2, 3, 4]);
    await onB.close();
  });

  it('loses no event when Redis restarts mid-traffic', async () => {
    const [a, b] = [await instance(), await instance()];
    await write(a, '/api/stations/bern', 'PUT', { name: 'Bern', timezone: 'Europe/Zurich' });
    const onB = await watch(b);
    await onB.nextEvent();
    const posting = (async () => {
      for (let i = 0; i < 30; i++) {
        expect((await putDeparture(i % 3 ? a : b, `r${i}`, 10 + i)).status).toBe(201);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    restartRedis();
    await posting;
    expect(await seqs(onB, 30, 20_000)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await onB.silentFor(500)).toBe(true);
    await onB.close();
  });

  it("keeps serving while Redis is away: its own changes at once, the other instance's from the store", async () => {
    const redis = new URL(REDIS_URL!);
    const proxy = await TcpProxy.start(redis.hostname, Number(redis.port || 6379));
    try {
      const viaProxy = { REDIS_URL: `redis://127.0.0.1:${proxy.port}` };
      const [a, b] = [await instance(viaProxy), await instance(viaProxy)];
      await write(a, '/api/stations/bern', 'PUT', { name: 'Bern', timezone: 'Europe/Zurich' });
      const onB = await watch(b);
      await onB.nextEvent();
      proxy.cut();
      await new Promise((r) => setTimeout(r, 200));
      expect(await (await fetch(`${b.baseUrl}/api/health`)).json()).toMatchObject({
        status: 'degraded',
        store: 'ok',
        fanOut: 'redis-unavailable',
      });
      await putDeparture(b, 'own');
      expect(await seqs(onB, 1)).toEqual([1]);
      await putDeparture(a, 'other');
      // Redis is cut: only the store comparison (every 2 s while Redis is away) can bring it.
      expect(await seqs(onB, 1)).toEqual([2]);

      proxy.restore();
      // Each instance reconnects on its own backoff: both are on Redis again before the next change.
      for (const instance of [a, b]) {
        const fanOut = async () => ((await (await fetch(`${instance.baseUrl}/api/health`)).json()) as { fanOut: string }).fanOut;
        await waitFor(async () => (await fanOut()) === 'redis', 30_000, `${instance.baseUrl} fanning out through Redis again`);
      }
      await putDeparture(a, 'back');
      // Through Redis again: sooner than the store comparison (every 10 s while Redis is up) could bring it.
      expect(await seqs(onB, 1, 5_000)).toEqual([3]);
      await onB.close();
    } finally {
      await proxy.close();
    }
  }, 90_000);

  it('answers writes 503 while PostgreSQL is away, keeps screens connected and says they may be stale, then recovers', async () => {
    const url = new URL(store.env.DATABASE_URL);
    const proxy = await TcpProxy.start(url.hostname, Number(url.port || 5432));
    try {
      url.host = `127.0.0.1:${proxy.port}`;
      const a = await instance({ DATABASE_URL: url.toString() });
      await write(a, '/api/stations/bern', 'PUT', { name: 'Bern', timezone: 'Europe/Zurich' });
      const screen = await watch(a);
      await screen.nextEvent();
      proxy.cut();
      const refused = await putDeparture(a, 'during');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await refused.json()) as ApiError).toMatchObject({ statusCode: 503, error: 'store_unavailable' });
      await waitForBeat(screen, (beat) => beat.storeUnavailable === true);
      expect(await (await fetch(`${a.baseUrl}/api/health`)).json()).toMatchObject({
        status: 'degraded',
        store: 'unavailable',
        fanOut: 'redis',
      });

      proxy.restore();
      await waitForBeat(screen, (beat) => beat.storeUnavailable === undefined);
      expect((await putDeparture(a, 'after')).status).toBe(201);
      expect(await seqs(screen, 1)).toEqual([1]);
      await screen.close();
    } finally {
      await proxy.close();
    }
  });
});

async function waitForBeat(reader: SseReader, test: (beat: HeartbeatEvent) => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { data } = await reader.nextEvent<BoardEvent>(Math.max(1, deadline - Date.now()), { heartbeats: true });
    if (data.type === 'heartbeat' && test(data)) return;
  }
}

/** Restarts the Redis server all instances share, as the project machines run it (see GUIDE.md). */
function restartRedis(): void {
  const { hostname, port } = new URL(REDIS_URL!);
  const at = ['-h', hostname, '-p', port || '6379'];
  execFileSync('redis-cli', [...at, 'shutdown', 'nosave'], { stdio: 'ignore' });
  execFileSync('redis-server', ['--daemonize', 'yes', '--bind', hostname, '--port', port || '6379', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    try {
      if (
        execFileSync('redis-cli', [...at, 'ping'])
          .toString()
          .trim() === 'PONG'
      )
        return;
    } catch {
      // not up yet
    }
    execFileSync('sleep', ['0.1']);
  }
  throw new Error('Redis did not come back');
}
