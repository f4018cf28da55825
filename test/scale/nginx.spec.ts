import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { Client } from 'pg';
import type { Board } from '#shared/board';
import type { BoardEvent } from '#shared/board-event';
import { departureBody } from '../support/factories';
import { freePort, serverIsBuilt, startServer, type ServerProcess } from '../support/server-process';
import { SseReader } from '../support/sse-reader';
import { TEST_ADMIN, TEST_TOKEN } from '../support/test-app';
import { LOCKED_HOOK_TIMEOUT_MS, lockSharedRedis, unlockSharedRedis } from '../support/redis-lock';

/*
 * The scale-out topology of docker-compose.yml without containers: deploy/nginx/headway.conf,
 * rendered with local ports, in front of real server processes. One instance on SQLite always
 * (with a dead second upstream standing in for a failed instance); two instances sharing
 * PostgreSQL and Redis when DATABASE_URL and REDIS_URL say where those are.
 */

const NGINX_CONF = join(__dirname, '../../deploy/nginx/headway.conf');
const NGINX = findBinary('nginx');
const OPENSSL = findBinary('openssl');

const missing = [
  serverIsBuilt() ? null : 'the server is not built (`npm run build`; npm test does it in pretest)',
  NGINX ? null : 'nginx is not installed (`apt-get install nginx`; .ci/run does it)',
  OPENSSL ? null : 'openssl is not installed (it makes the test certificate)',
].filter((problem): problem is string => problem !== null);
if (missing.length > 0) console.warn(`SKIPPED scale-out tests (test/scale): ${missing.join('; ')}`);
const describeNginx = missing.length === 0 ? describe : describe.skip;

const SHARED_STORE = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
const shared = Boolean(SHARED_STORE.DATABASE_URL && SHARED_STORE.REDIS_URL);
if (missing.length === 0 && !shared) {
  console.warn(
    'SKIPPED two-instance scale-out tests: set DATABASE_URL and REDIS_URL to a PostgreSQL server and a Redis the instances can share',
  );
}
const describeShared = missing.length === 0 && shared ? describe : describe.skip;

/** An instance on its own SQLite store, whatever the environment says. */
const SQLITE = { DATABASE_URL: undefined, REDIS_URL: undefined };
const WRITE_HEADERS = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

describeNginx('nginx in front of one instance (deploy/nginx/headway.conf)', () => {
  const station = 'zurich-hb';
  let dir: string;
  let app: ServerProcess;
  let proxy: Nginx;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headway-nginx-'));
    const [appPort, deadPort, httpPort, httpsPort] = await freePorts(4);
    app = await startServer(join(dir, 'data'), appPort, { ...SQLITE, TRUST_PROXY: 'loopback', ADMIN_PASSWORD: TEST_ADMIN.password });
    // The second upstream answers nothing: a failed instance, as nginx sees one.
    proxy = await startNginx(dir, { httpPort, httpsPort, upstreams: [appPort, deadPort] });
    const res = await proxy.tls(`/api/stations/${station}`, {
      method: 'PUT',
      headers: WRITE_HEADERS,
      body: JSON.stringify({ name: 'Zürich HB', timezone: 'Europe/Zurich' }),
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await proxy?.stop();
    await stopServer(app);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a valid configuration, TLS listener included (nginx -t)', () => {
    const check = spawnSync(NGINX!, ['-t', '-p', dir, '-c', proxy.configFile, '-e', 'stderr'], { encoding: 'utf8' });
    expect(check.stderr).toContain('syntax is ok');
    expect(check.status).toBe(0);
  });

  it('answers /api/health over http and over TLS, and offers browsers HTTP/2', async () => {
    expect((await fetch(`${proxy.http}/api/health`)).status).toBe(200);
    const overTls = await proxy.tls('/api/health');
    expect(overTls.status).toBe(200);
    expect(JSON.parse(overTls.body)).toMatchObject({ status: 'ok' });
    expect(await proxy.alpn()).toBe('h2');
  });

  it('passes a board stream through unbuffered and uncompressed: a change written through nginx arrives within 1 s', async () => {
    const res = await fetch(`${proxy.http}/api/stations/${station}/board/events`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    const screen = new SseReader(res);
    expect((await screen.nextEvent<BoardEvent>()).data.type).toBe('snapshot');
    const [written, event] = await Promise.all([
      proxy.tls(`/api/stations/${station}/departures/s8-live`, {
        method: 'PUT',
        headers: WRITE_HEADERS,
        body: JSON.stringify(departureBody()),
      }),
      screen.nextEvent<BoardEvent>(1000),
    ]);
    expect(written.status).toBe(201);
    expect(event.data).toMatchObject({ type: 'departure-set', departure: { id: 's8-live' } });
    await screen.close();
  });

  it('serves screens over plain http and sends the console and every write to https, unapplied', async () => {
    expect((await fetch(`${proxy.http}/board/${station}`)).status).toBe(200);
    expect((await fetch(`${proxy.http}/api/stations/${station}/board`)).status).toBe(200);
    const consolePage = await fetch(`${proxy.http}/admin`, { redirect: 'manual' });
    expect(consolePage.status).toBe(308);
    expect(consolePage.headers.get('location')).toBe('https://127.0.0.1/admin');
    const write = await fetch(`${proxy.http}/api/stations/${station}/departures/s8-plain`, {
      method: 'PUT',
      headers: WRITE_HEADERS,
      body: JSON.stringify(departureBody()),
      redirect: 'manual',
    });
    expect(write.status).toBe(308);
    const board = (await (await fetch(`${proxy.http}/api/stations/${station}/board`)).json()) as Board;
    expect(board.departures.map((d) => d.id)).not.toContain('s8-plain');
  });

  it('tells the app the scheme (TRUST_PROXY): a sign-in over TLS gets a Secure cookie', async () => {
    const res = await proxy.tls('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/i);
  });

  it('lets bodies larger than nginx’s default limit through, so the app answers 413 in its own error shape', async () => {
    const body = JSON.stringify({ ...departureBody(), remarks: ['x'.repeat(2 * 1024 * 1024)] });
    const res = await proxy.tls(`/api/stations/${station}/departures/s8-big`, { method: 'PUT', headers: WRITE_HEADERS, body });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
  });

  it('keeps answering while one upstream instance is down', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await fetch(`${proxy.http}/api/stations/${station}/board`)).status).toBe(200);
    }
  });
});

describeShared('nginx in front of two instances sharing PostgreSQL and Redis', () => {
  // Redis channels are not per database: a station of its own keeps other runs' events out.
  const station = `scale-${randomBytes(4).toString('hex')}`;
  const database = `headway_test_${randomBytes(6).toString('hex')}`;
  let dir: string;
  let apps: ServerProcess[] = [];
  let proxy: Nginx;

  beforeAll(async () => {
    await lockSharedRedis();
    dir = mkdtempSync(join(tmpdir(), 'headway-scale-'));
    await postgres(SHARED_STORE.DATABASE_URL!, `CREATE DATABASE ${database}`);
    const env = {
      DATABASE_URL: withDatabase(SHARED_STORE.DATABASE_URL!, database),
      REDIS_URL: SHARED_STORE.REDIS_URL,
      TRUST_PROXY: 'loopback',
    };
    const [port1, port2, httpPort, httpsPort] = await freePorts(4);
    // One after the other, as docker-compose.yml starts them: the first prepares the fresh store.
    apps.push(await startServer(join(dir, 'app1'), port1, env));
    apps.push(await startServer(join(dir, 'app2'), port2, env));
    proxy = await startNginx(dir, { httpPort, httpsPort, upstreams: [port1, port2] });
    const res = await proxy.tls(`/api/stations/${station}`, {
      method: 'PUT',
      headers: WRITE_HEADERS,
      body: JSON.stringify({ name: 'Scale', timezone: 'Europe/Zurich' }),
    });
    expect(res.status).toBe(201);
  }, LOCKED_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(apps.map(stopServer));
    apps = [];
    await postgres(SHARED_STORE.DATABASE_URL!, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error: unknown) =>
      console.warn(`dropping ${database}: ${String(error)}`),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
    unlockSharedRedis();
  });

  const put = (id: string) =>
    proxy.tls(`/api/stations/${station}/departures/${id}`, {
      method: 'PUT',
      headers: WRITE_HEADERS,
      body: JSON.stringify(departureBody()),
    });

  it('delivers a change written through nginx to the screens of both instances within 1 s, with the same id', async () => {
    expect((await fetch(`${proxy.http}/api/health`)).status).toBe(200);
    const urls = [...apps.map((a) => a.baseUrl), proxy.http].map((base) => `${base}/api/stations/${station}/board/events`);
    const screens = await Promise.all(urls.map(async (url) => new SseReader(await fetch(url))));
    for (const screen of screens) expect((await screen.nextEvent<BoardEvent>()).data.type).toBe('snapshot');
    const [written, ...events] = await Promise.all([put('s8-fanout'), ...screens.map((s) => s.nextEvent<BoardEvent>(1000))]);
    expect(written.status).toBe(201);
    for (const event of events) expect(event.data).toMatchObject({ type: 'departure-set', departure: { id: 's8-fanout' } });
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    await Promise.all(screens.map((s) => s.close()));
  });

  it('keeps serving through the other instance when one is killed, and a screen resumes there with Last-Event-ID', async () => {
    const screen = new SseReader(await fetch(`${proxy.http}/api/stations/${station}/board/events`));
    const position = (await screen.nextEvent<BoardEvent>()).id!;
    apps[0].child.kill('SIGKILL');
    await apps[0].exited;

    for (let i = 0; i < 6; i++) {
      expect((await fetch(`${proxy.http}/api/stations/${station}/board`)).status).toBe(200);
    }
    expect((await put('s8-after-failover')).status).toBe(201);
    await screen.close();

    const resumed = new SseReader(
      await fetch(`${proxy.http}/api/stations/${station}/board/events`, { headers: { 'last-event-id': position } }),
    );
    const missed = await resumed.nextEvent<BoardEvent>(1000);
    expect(missed.data).toMatchObject({ type: 'departure-set', departure: { id: 's8-after-failover' } });
    await resumed.close();
  });
});

interface Nginx {
  configFile: string;
  /** Base URL of the plain http listener. */
  http: string;
  /** A request over TLS, trusting the test's own certificate. */
  tls(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>;
  /** The protocol the TLS listener agrees to when a browser offers h2 and http/1.1. */
  alpn(): Promise<string | false | null>;
  stop(): Promise<void>;
}

interface Listeners {
  httpPort: number;
  httpsPort: number;
  upstreams: number[];
}

/** Renders the config with a fresh self-signed certificate, runs nginx in the foreground and waits until it proxies. */
async function startNginx(dir: string, listeners: Listeners): Promise<Nginx> {
  const ca = makeCertificate(dir);
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, renderConfig(dir, listeners));
  const child = spawn(NGINX!, ['-p', dir, '-c', configFile, '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const http = `http://127.0.0.1:${listeners.httpPort}`;
  const https = `https://127.0.0.1:${listeners.httpsPort}`;
  await waitUntilHealthy(child, `${http}/api/health`, () => output);
  return {
    configFile,
    http,
    tls: (path, init = {}) => tlsRequest(`${https}${path}`, ca, init),
    alpn: () => negotiatedProtocol(listeners.httpsPort, ca),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * deploy/nginx/headway.conf with this machine's ports, paths and user. Every rewrite must find
 * its line, so the file cannot drift away from what this test runs.
 */
function renderConfig(dir: string, { httpPort, httpsPort, upstreams }: Listeners): string {
  let conf = readFileSync(NGINX_CONF, 'utf8');
  const rewrite = (pattern: RegExp, replace: (...groups: string[]) => string, expected = 1) => {
    const found = conf.match(new RegExp(pattern.source, 'gm'))?.length ?? 0;
    if (found !== expected) throw new Error(`deploy/nginx/headway.conf: expected ${expected} line(s) matching ${pattern}, found ${found}`);
    conf = conf.replace(new RegExp(pattern.source, 'gm'), (...args: string[]) => replace(...args));
  };
  const configure = spawnSync(NGINX!, ['-V'], { encoding: 'utf8' }).stderr;
  // Workers run as whoever runs the test (as root, nginx would pick `nobody`, who cannot enter the
  // test's private directory); the pid file, logs and request buffers live in that directory.
  const tempPaths = [...configure.matchAll(/--http-(client-body|proxy|fastcgi|uwsgi|scgi)-temp-path=/g)].map(
    ([, kind]) => `    ${kind.replace('-', '_')}_temp_path ${join(dir, kind)};`,
  );
  rewrite(/^user .*$/, () => (process.getuid?.() === 0 ? 'user root;' : ''));
  rewrite(/^pid .*$/, () => `pid ${join(dir, 'nginx.pid')};`);
  rewrite(/^http \{$/, () => ['http {', ...tempPaths].join('\n'));
  // A container's stdout is a pipe; a child's stdout under Jest is a socket, which /dev/stdout cannot reopen.
  rewrite(/^( *)access_log \/dev\/stdout;$/, (_, indent) => `${indent}access_log ${join(dir, 'access.log')};`);
  let next = 0;
  rewrite(/^( *)server app\d:3000 resolve (.*)$/, (_, indent, params) => `${indent}server 127.0.0.1:${upstreams[next++]} ${params}`, 2);
  rewrite(/^( *)listen 80;$/, (_, indent) => `${indent}listen 127.0.0.1:${httpPort};`);
  if (versionAtLeast(configure, [1, 25, 1])) {
    rewrite(/^( *)listen 443 ssl;$/, (_, indent) => `${indent}listen 127.0.0.1:${httpsPort} ssl;`);
  } else {
    // Before nginx 1.25.1 (Debian 12 ships 1.22) HTTP/2 is a parameter of `listen`.
    rewrite(/^( *)listen 443 ssl;$/, (_, indent) => `${indent}listen 127.0.0.1:${httpsPort} ssl http2;`);
    rewrite(/^ *http2 on;$/, () => '');
  }
  rewrite(/\/etc\/nginx\/certs\/headway\.crt/, () => join(dir, 'headway.crt'));
  rewrite(/\/etc\/nginx\/certs\/headway\.key/, () => join(dir, 'headway.key'));
  return conf;
}

function versionAtLeast(nginxV: string, wanted: number[]): boolean {
  const version = (/nginx\/(\d+)\.(\d+)\.(\d+)/.exec(nginxV) ?? []).slice(1).map(Number);
  for (let i = 0; i < wanted.length; i++) {
    if ((version[i] ?? 0) !== wanted[i]) return (version[i] ?? 0) > wanted[i];
  }
  return true;
}

/** A throwaway self-signed certificate for 127.0.0.1, as the compose `certs` service makes one; returns it as the client's CA. */
function makeCertificate(dir: string): string {
  const cert = join(dir, 'headway.crt');
  execFileSync(
    OPENSSL!,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, 'headway.key'),
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return readFileSync(cert, 'utf8');
}

function tlsRequest(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function negotiatedProtocol(port: number, ca: string): Promise<string | false | null> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, ALPNProtocols: ['h2', 'http/1.1'] }, () => {
      resolve(socket.alpnProtocol);
      socket.end();
    });
    socket.on('error', reject);
  });
}

async function waitUntilHealthy(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not proxy ${url}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function findBinary(name: string): string | null {
  // nginx lives in /usr/sbin, which is not on every user's PATH.
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'].filter(Boolean);
  return dirs.map((d) => join(d, name)).find((file) => existsSync(file)) ?? null;
}

/** Runs one statement with the `pg` client (the driver behind DATABASE_URL) on the server of `url`. */
async function postgres(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `url` pointing at another database on the same server. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
