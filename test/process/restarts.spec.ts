import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEvent } from '#shared/apply-event';
import type { Board } from '#shared/board';
import type { BoardEvent } from '#shared/board-event';
import { departureBody } from '../support/factories';
import { freePort, serverIsBuilt, startServer, type ServerProcess } from '../support/server-process';
import { SseReader } from '../support/sse-reader';
import { TEST_TOKEN } from '../support/test-app';

const describeBuilt = serverIsBuilt() ? describe : describe.skip;
if (!serverIsBuilt()) console.warn('SKIPPED restart tests: run `npm run build` first (npm test does it in pretest)');

describeBuilt('restarts of the real server process', () => {
  let dataDir: string;
  let port: number;
  let server: ServerProcess | undefined;
  const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'headway-proc-'));
    port = await freePort();
    server = await startServer(dataDir, port);
    const res = await fetch(`${server.baseUrl}/api/stations/zurich-hb`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ name: 'Zürich HB', timezone: 'Europe/Zurich' }),
    });
    expect(res.status).toBe(201);
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM ends the streams, closes the store and exits within a few seconds', async () => {
    const s = server!;
    const screens = [
      new SseReader(await fetch(`${s.baseUrl}/api/stations/zurich-hb/board/events`)),
      new SseReader(await fetch(`${s.baseUrl}/api/stations/zurich-hb/board/events`)),
    ];
    for (const screen of screens) await screen.next();
    const started = Date.now();
    s.child.kill('SIGTERM');
    for (const screen of screens) await expect(screen.next(5000)).rejects.toThrow(/stream ended|terminated|other side closed/);
    // Nest re-raises the signal after its shutdown hooks ran, as a well-behaved process does.
    expect(await s.exited).toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(5000);
    // The database was closed cleanly: SQLite checkpoints and removes its write-ahead log on close.
    expect(existsSync(join(dataDir, 'headway.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'headway.db-wal'))).toBe(false);
  });

  it('after kill -9 mid-traffic keeps every acknowledged update, and a resuming screen gets each missed one exactly once', async () => {
    let s = server!;
    const screen = new SseReader(await fetch(`${s.baseUrl}/api/stations/zurich-hb/board/events`));
    let board: Board | null = null;
    let lastId: string | undefined;
    const first = await screen.nextEvent<BoardEvent>();
    board = applyEvent(board, first.data);
    lastId = first.id;

    // Writers keep going until the crash; only answered (acknowledged) writes count.
    const acknowledged: string[] = [];
    let crashed = false;
    const writer = async (n: number) => {
      for (let i = 0; !crashed; i++) {
        const id = `w${n}-${i}`;
        try {
          const res = await fetch(`${s.baseUrl}/api/stations/zurich-hb/departures/${id}`, {
            method: 'PUT',
            headers,
            body: JSON.stringify(departureBody({}, 30 + i)),
          });
          if (res.status === 201) acknowledged.push(id);
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const writers = [writer(1), writer(2), writer(3)];
    // The screen reads part of the traffic, then the server is killed.
    while (acknowledged.length < 60) {
      const e = await screen.nextEvent<BoardEvent>();
      board = applyEvent(board, e.data);
      lastId = e.id;
    }
    s.child.kill('SIGKILL');
    crashed = true;
    await s.exited;
    await Promise.all(writers);
    await screen.close();

    s = server = await startServer(dataDir, port);
    const stored = (await (await fetch(`${s.baseUrl}/api/stations/zurich-hb/board`)).json()) as Board;
    const storedIds = new Set(stored.departures.map((d) => d.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);

    const resumed = new SseReader(
      await fetch(`${s.baseUrl}/api/stations/zurich-hb/board/events`, { headers: { 'last-event-id': lastId! } }),
    );
    const seqs: number[] = [];
    while (board!.seq < stored.seq) {
      const e = await resumed.nextEvent<BoardEvent>();
      expect(e.event).not.toBe('snapshot');
      if ('seq' in e.data) seqs.push(e.data.seq);
      board = applyEvent(board, e.data);
    }
    const from = Number(lastId!.split('.')[1]) + 1;
    expect(seqs).toEqual(Array.from({ length: stored.seq - from + 1 }, (_, i) => from + i));
    expect(board).toEqual(stored);
    expect(await resumed.silentFor(300)).toBe(true);
    await resumed.close();
  });
});
