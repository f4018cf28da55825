import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, serverIsBuilt, startServer, type ServerProcess } from '../support/server-process';

const describeBuilt = serverIsBuilt() ? describe : describe.skip;

/** The kernel's accept queue of a listening port, as `ss` reports it (Send-Q of a listening socket). */
function acceptQueue(port: number): number {
  const line = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' })
    .trim()
    .split('\n')[0];
  return Number(line.trim().split(/\s+/)[2]);
}

/**
 * After a restart or a deploy every screen reconnects at once. With Node's default queue (511), a
 * burst of 1,000 connections had its overflow reset and retried; the server listens with
 * LISTEN_BACKLOG (default 4096, capped by the kernel's net.core.somaxconn) instead.
 */
describeBuilt('the real server process listens with a queue for reconnecting screens', () => {
  const dataDirs: string[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: NodeJS.ProcessEnv): Promise<number> {
    const dataDir = mkdtempSync(join(tmpdir(), 'headway-listen-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    servers.push(await startServer(dataDir, port, env));
    return port;
  }

  it('queues LISTEN_BACKLOG connections, and by default more than Node would', async () => {
    const somaxconn = Number(execFileSync('cat', ['/proc/sys/net/core/somaxconn'], { encoding: 'utf8' }));
    expect(acceptQueue(await start({ LISTEN_BACKLOG: '1000' }))).toBe(Math.min(1000, somaxconn));
    expect(acceptQueue(await start({}))).toBe(Math.min(4096, somaxconn));
  });
});
