import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, serverIsBuilt, startServer, type ServerProcess } from '../support/server-process';
import { SseReader } from '../support/sse-reader';
import { TEST_TOKEN } from '../support/test-app';

const describeBuilt = serverIsBuilt() ? describe : describe.skip;

/** The request log of the real process: one line per request, except a screen's stream (10,000 screens would each hold a logger for hours). */
describeBuilt('request log of the real server process', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'headway-log-'));
    server = await startServer(dataDir, await freePort());
  });
  afterAll(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const lines = () =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { url: string }; res?: { statusCode: number } });

  it("logs requests with their status, but not screens' streams", async () => {
    const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
    expect(
      (
        await fetch(`${server.baseUrl}/api/stations/chur`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ name: 'Chur', timezone: 'Europe/Zurich' }),
        })
      ).status,
    ).toBe(201);
    const screen = new SseReader(await fetch(`${server.baseUrl}/api/stations/chur/board/events?screen=screen-0001&v=1`));
    await screen.next();
    await screen.close();
    expect((await fetch(`${server.baseUrl}/api/stations/chur/board`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const urls = lines().flatMap((line) => (line.req ? [line.req.url] : []));
    expect(urls).toContain('/api/stations/chur');
    expect(urls).toContain('/api/stations/chur/board');
    expect(urls.filter((url) => url.includes('/board/events'))).toEqual([]);
  });
});
