import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type ClientRequest, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Board } from '#shared/board';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, TEST_TOKEN, type TestApp } from '../support/test-app';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: { statusCode: number; error: string; message: string; fields?: Array<{ field: string; message: string }> } | null;
}

/** A POST whose headers and first bytes are sent, the rest held back until the test ends it. */
interface Upload {
  answer: Promise<Answer>;
  req: ClientRequest;
}

function startUpload(t: TestApp, path: string, headers: Record<string, string>, first: Buffer): Upload {
  const url = new URL(path, t.baseUrl);
  const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
  });
  req.write(first);
  return { answer, req };
}

const STILL_SENDING = 'no answer while the body was still being sent';

/** The answer, if it comes while the client is still holding back the rest of the body. */
const answerWhileSending = (upload: Upload): Promise<Answer | typeof STILL_SENDING> =>
  Promise.race([upload.answer, new Promise<typeof STILL_SENDING>((resolve) => setTimeout(() => resolve(STILL_SENDING), 5_000))]);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const board = async (t: TestApp, id = 'zurich-hb') => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;
const login = (t: TestApp, path: string, username: string, password: string, headers: Record<string, string> = {}) =>
  t.request(path, { method: 'POST', json: { username, password }, headers });
const metric = async (t: TestApp, series: string) =>
  Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(await (await fetch(`${t.baseUrl}/metrics`)).text())?.[1] ?? NaN);

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
}

/** A gzip bomb: 60 MiB of zeros in about 60 KB. */
const BOMB = gzipSync(Buffer.alloc(60 * 1024 * 1024));

describe('sign-in throttling by route and per account (e2e)', () => {
  it('counts every spelling of the sign-in path against one limit, and refuses even the right password then', async () => {
    const t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const spellings = ['/api/auth/login/', '/API/auth/login', '/api/Auth/Login/'];
      const statuses = [];
      for (const [i, path] of spellings.entries()) statuses.push((await login(t, path, `guess-${i}`, 'not the password')).status);
      expect(statuses).toEqual([401, 401, 401]);
      const blocked = await login(t, '/api/auth/login/', TEST_ADMIN.username, TEST_ADMIN.password);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await blocked.json()).toEqual({
        statusCode: 429,
        error: 'too_many_requests',
        message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ s$/),
      });
      expect(blocked.headers.get('set-cookie')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('backs off one username after repeated failures from any address, alike for names that do not exist', async () => {
    // Behind a trusted proxy every attempt comes from its own address, so only the per-account backoff holds.
    const t = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_RATE_LIMIT: '1000' });
    try {
      for (const username of [TEST_ADMIN.username, 'nobody-at-all']) {
        const statuses = [];
        for (let i = 1; i <= 5; i++)
          statuses.push((await login(t, '/api/auth/login', username, `guess ${i}`, { 'x-forwarded-for': `203.0.113.${i}` })).status);
        expect(statuses).toEqual([401, 401, 401, 401, 401]);
        const next = await login(t, '/api/auth/login', username, TEST_ADMIN.password, { 'x-forwarded-for': '198.51.100.7' });
        expect(next.status).toBe(429);
        expect(Number(next.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(await next.json()).toEqual({
          statusCode: 429,
          error: 'too_many_requests',
          message: expect.stringMatching(/^Too many failed sign-ins for this username; try again in \d+ s$/),
        });
        expect(next.headers.get('set-cookie')).toBeNull();
      }
      // Other accounts are not held up.
      expect((await login(t, '/api/auth/login', 'someone-else', 'a guess', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('bodies are read only once the caller is let in (e2e)', () => {
  let t: TestApp;
  let stationsToken: string;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1' });
    const res = await t.request('/api/tokens', { method: 'POST', auth: true, json: { name: 'stations-only', permissions: ['stations'] } });
    stationsToken = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => t.close());

  const feedHeaders = { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip', 'content-length': String(BOMB.length) };

  it('answers 401 to an unauthenticated gzip bomb before reading or inflating it', async () => {
    const upload = startUpload(t, '/api/feeds/caltrain/gtfs-rt', feedHeaders, BOMB.subarray(0, 16 * 1024));
    try {
      const answer = await answerWhileSending(upload);
      expect(answer).toMatchObject({ status: 401, body: { statusCode: 401, error: 'unauthorized' } });
    } finally {
      upload.req.destroy();
    }
  });

  it('answers 401 to an unauthenticated 14 MB batch before reading it', async () => {
    const upload = startUpload(
      t,
      '/api/updates',
      { 'content-type': 'application/json', 'content-length': String(14 * 1024 * 1024) },
      Buffer.from('{"updates":['),
    );
    try {
      expect(await answerWhileSending(upload)).toMatchObject({ status: 401, body: { statusCode: 401, error: 'unauthorized' } });
    } finally {
      upload.req.destroy();
    }
  });

  it("answers 403 to a token without the route's permission before reading its upload", async () => {
    const upload = startUpload(t, '/api/feeds/caltrain/gtfs-rt', { ...feedHeaders, ...bearer(stationsToken) }, BOMB.subarray(0, 16 * 1024));
    try {
      expect(await answerWhileSending(upload)).toMatchObject({ status: 403, body: { statusCode: 403, error: 'forbidden' } });
    } finally {
      upload.req.destroy();
    }
  });

  it('answers 429 to a throttled sign-in before reading its body', async () => {
    await login(t, '/api/auth/login', 'first-guess', 'not the password');
    const upload = startUpload(
      t,
      '/api/auth/login',
      { 'content-type': 'application/json', 'content-length': '100000' },
      Buffer.from('{"username":"admin",'),
    );
    try {
      expect(await answerWhileSending(upload)).toMatchObject({
        status: 429,
        headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
        body: { error: 'too_many_requests' },
      });
    } finally {
      upload.req.destroy();
    }
  });

  it("stops an admin's gzip bomb at the limit while inflating: 413, and the connection still answers", async () => {
    const small = await startTestApp({ FEED_BODY_LIMIT_BYTES: String(1024 * 1024) });
    try {
      const res = await small.request('/api/feeds/caltrain/gtfs-rt', {
        method: 'POST',
        auth: true,
        headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
        body: new Uint8Array(BOMB),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        statusCode: 413,
        error: 'payload_too_large',
        message: 'The feed is larger than the limit of 1048576 bytes (FEED_BODY_LIMIT_BYTES)',
      });
      expect((await small.request('/api/health')).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('large bodies are read a few at a time (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_READS_AT_ONCE: '1' });
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterAll(() => t.close());

  /** A valid batch padded with whitespace to `size` bytes. */
  const paddedBatch = (size: number, delayMinutes: number) => {
    const json = JSON.stringify({
      updates: [{ op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8', patch: { delayMinutes } }],
    });
    return Buffer.from(json.slice(0, -1) + ' '.repeat(size - json.length) + '}');
  };
  const batchHeaders = (length?: number) => ({
    'content-type': 'application/json',
    ...bearer(TEST_TOKEN),
    ...(length === undefined ? {} : { 'content-length': String(length) }),
  });

  it('answers 503 busy with Retry-After, without reading, while BODY_READS_AT_ONCE large bodies are being read; small ones go on', async () => {
    const first = paddedBatch(300_000, 7);
    const reading = startUpload(t, '/api/updates', batchHeaders(first.length), first.subarray(0, 100_000));
    const others: Upload[] = [];
    try {
      await until(async () => (await metric(t, 'headway_large_body_reads')) === 1);
      expect(await metric(t, 'headway_large_body_reads')).toBe(1);

      const declared = startUpload(t, '/api/updates', batchHeaders(200_000), Buffer.from('{"updates":['));
      const streamed = startUpload(t, '/api/updates', batchHeaders(), paddedBatch(100_000, 9).subarray(0, 90_000));
      others.push(declared, streamed);
      for (const upload of [declared, streamed]) {
        expect(await answerWhileSending(upload)).toEqual({
          status: 503,
          headers: expect.objectContaining({ 'retry-after': '1' }),
          body: {
            statusCode: 503,
            error: 'busy',
            message:
              'The server is already reading 1 large request bodies (BODY_READS_AT_ONCE); nothing was changed, try again in a moment',
          },
        });
      }
      expect(await metric(t, 'headway_large_bodies_refused_total')).toBe(2);

      // A small write is not held up by the large one.
      const patch = await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json: { delayMinutes: 3 } });
      expect(patch.status).toBe(200);

      reading.req.end(first.subarray(100_000));
      expect(await reading.answer).toMatchObject({ status: 200, body: { results: [{ status: 'applied' }] } });
      expect((await board(t)).departures.find((d) => d.id === 's8')).toMatchObject({ status: 'delayed' });
      expect(await metric(t, 'headway_large_body_reads')).toBe(0);

      // Once the slot is free, a large body is read again.
      const retry = await t.request('/api/updates', {
        method: 'POST',
        headers: batchHeaders(),
        body: new Uint8Array(paddedBatch(200_000, 11)),
      });
      expect(retry.status).toBe(200);

      // A client that gives up halfway frees its slot too.
      const abandoned = startUpload(t, '/api/updates', batchHeaders(first.length), first.subarray(0, 100_000));
      others.push(abandoned);
      abandoned.answer.catch(() => undefined);
      await until(async () => (await metric(t, 'headway_large_body_reads')) === 1);
      abandoned.req.destroy();
      await until(async () => (await metric(t, 'headway_large_body_reads')) === 0);
      expect(await metric(t, 'headway_large_body_reads')).toBe(0);
      expect((await t.request('/api/health')).status).toBe(200);
    } finally {
      for (const upload of [reading, ...others]) upload.req.destroy();
    }
  });
});

describe('JSON bodies the API refuses at parse time (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterAll(() => t.close());

  const patchRaw = (body: string | Buffer, headers: Record<string, string> = {}) =>
    t.request('/api/stations/zurich-hb/departures/s8', {
      method: 'PATCH',
      auth: true,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  it('400 for a body declared gzip or deflate that is not, on JSON and on feed routes; 415 for other media types', async () => {
    const before = await board(t);
    for (const coding of ['gzip', 'deflate']) {
      const res = await patchRaw('{"delayMinutes": 5}', { 'content-encoding': coding });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        statusCode: 400,
        error: 'invalid_json',
        message: expect.stringMatching(new RegExp(`^The request body is not the ${coding} data its Content-Encoding declares`)),
      });
    }
    const feed = await t.request('/api/feeds/caltrain/gtfs-rt', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body: 'plain bytes',
    });
    expect(feed.status).toBe(400);
    expect(await feed.json()).toMatchObject({ statusCode: 400, error: 'invalid_feed', message: expect.stringMatching(/gzip/) });
    const unknown = await patchRaw('{"delayMinutes": 5}', { 'content-encoding': 'zstd' });
    expect(await unknown.json()).toMatchObject({
      statusCode: 415,
      error: 'unsupported_media_type',
      message: expect.stringMatching(/Content-Encoding "zstd"/),
    });
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const other = await patchRaw('delayMinutes=5', { 'content-type': type });
      expect(await other.json()).toEqual({
        statusCode: 415,
        error: 'unsupported_media_type',
        message: `Send the request body as application/json, not "${type}"`,
      });
    }
    expect(await board(t)).toEqual(before);
    // Declared and real gzip is read.
    const real = await patchRaw(gzipSync('{"delayMinutes": 4}'), { 'content-encoding': 'gzip' });
    expect(real.status).toBe(200);
    expect(await real.json()).toMatchObject({ status: 'delayed' });
  });

  it('400 for nesting deeper than 32 levels, also with an Idempotency-Key, and nothing changes', async () => {
    const before = await board(t);
    const deep = (levels: number) => `{"delayMinutes": 5, "extra": ${'['.repeat(levels)}${']'.repeat(levels)}}`;
    const cases: Array<[string, Record<string, string>]> = [
      [deep(50_000), {}],
      [deep(5_000), { 'idempotency-key': 'deep-1' }],
      [deep(32), {}],
    ];
    for (const [body, headers] of cases) {
      const res = await patchRaw(body, headers);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        statusCode: 400,
        error: 'invalid_json',
        message: 'The request body nests objects and arrays deeper than 32 levels',
      });
    }
    const batch = await t.request('/api/updates', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: `{"updates": ${'['.repeat(50_000)}`,
    });
    expect(await batch.json()).toMatchObject({ statusCode: 400, error: 'invalid_json' });
    expect(await board(t)).toEqual(before);
  });

  it('400 naming the key for __proto__, constructor and prototype keys anywhere in a body, and nothing changes', async () => {
    const before = await board(t);
    const proto = await patchRaw('{"delayMinutes": 5, "__proto__": {"isAdmin": true}}');
    expect(proto.status).toBe(400);
    expect(await proto.json()).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'The request is invalid: __proto__',
      fields: [{ field: '__proto__', message: '"__proto__" is not allowed as a key' }],
    });
    const batch = await t.request('/api/updates', {
      method: 'POST',
      auth: true,
      json: {
        updates: [
          { op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8', patch: { delayMinutes: 5, constructor: { name: 'x' } } },
        ],
      },
    });
    expect(await batch.json()).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'The request is invalid: updates.0.patch.constructor',
      fields: [{ field: 'updates.0.patch.constructor', message: '"constructor" is not allowed as a key' }],
    });
    expect(await board(t)).toEqual(before);
    // The words are fine as values.
    expect((await patchRaw('{"remarks": ["constructor", "__proto__"]}')).status).toBe(200);
  });
});

describe('security headers fitted to station screens (e2e)', () => {
  let webDir: string;
  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'headway-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Headway</title>');
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('sends Strict-Transport-Security only for requests that came over TLS through a trusted proxy', async () => {
    const direct = await startTestApp();
    const proxied = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      const hsts = async (t: TestApp, headers: Record<string, string>) =>
        (await t.request('/api/health', { headers })).headers.get('strict-transport-security');
      expect(await hsts(direct, {})).toBeNull();
      expect(await hsts(direct, { 'x-forwarded-proto': 'https' })).toBeNull();
      expect(await hsts(proxied, {})).toBeNull();
      expect(await hsts(proxied, { 'x-forwarded-proto': 'https' })).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await direct.close();
      await proxied.close();
    }
  });

  // A screen keeps its stream's header block for hours; document policies do nothing on an event stream.
  it('sends a board stream only the headers that apply to it: no sniffing, same-origin reads, and HSTS over TLS', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      await createStation(t);
      const res = await t.request('/api/stations/zurich-hb/board/events', { headers: { 'x-forwarded-proto': 'https' } });
      await res.body?.cancel();
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'x-powered-by']) {
        expect([name, res.headers.get(name)]).toEqual([name, null]);
      }
      // Everything else keeps the whole set.
      expect((await t.request('/api/stations/zurich-hb/board')).headers.get('content-security-policy')).toContain("default-src 'self'");
    } finally {
      await t.close();
    }
  });

  it('lets FRAME_ANCESTORS frame board pages, and nothing but our own pages frame the console or anything else', async () => {
    const t = await startTestApp({ FRAME_ANCESTORS: 'https://signage.example.org' }, { webDir });
    try {
      const headers = async (path: string) => {
        const res = await t.request(path);
        return { status: res.status, csp: res.headers.get('content-security-policy') ?? '', xfo: res.headers.get('x-frame-options') };
      };
      for (const path of ['/board/zurich-hb', '/board/zurich-hb/']) {
        const page = await headers(path);
        expect(page.status).toBe(200);
        expect(page.csp).toContain("frame-ancestors 'self' https://signage.example.org;");
        expect(page.xfo).toBeNull();
      }
      for (const path of ['/admin', '/', '/board/zurich-hb/extra', '/api/stations']) {
        const page = await headers(path);
        expect(page.csp).toContain("frame-ancestors 'self';");
        expect(page.xfo).toBe('SAMEORIGIN');
      }
    } finally {
      await t.close();
    }
  });
});

describe('trusted proxies and the metrics endpoint (e2e)', () => {
  /** Three failed sign-ins, each claiming its own address in X-Forwarded-For, with LOGIN_RATE_LIMIT=2. */
  async function forgedAddresses(trustProxy?: string): Promise<number[]> {
    const t = await startTestApp({ LOGIN_RATE_LIMIT: '2', ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}) });
    try {
      const statuses = [];
      for (let i = 1; i <= 3; i++)
        statuses.push((await login(t, '/api/auth/login', `user-${i}`, 'a guess', { 'x-forwarded-for': `203.0.113.${i}` })).status);
      return statuses;
    } finally {
      await t.close();
    }
  }

  it('ignores X-Forwarded-For unless it comes from a trusted proxy', async () => {
    expect(await forgedAddresses()).toEqual([401, 401, 429]);
    expect(await forgedAddresses('10.0.0.1')).toEqual([401, 401, 429]);
    // The test's requests come from 127.0.0.1, the proxy trusted here: each address counts on its own.
    expect(await forgedAddresses('127.0.0.1')).toEqual([401, 401, 401]);
  });

  it('requires METRICS_TOKEN as a bearer token for /metrics when it is set', async () => {
    const token = 'metrics-token-0123456789';
    const t = await startTestApp({ METRICS_TOKEN: token });
    try {
      const none = await fetch(`${t.baseUrl}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.json()).toEqual({
        statusCode: 401,
        error: 'unauthorized',
        message: 'Metrics need an "Authorization: Bearer <METRICS_TOKEN>" header',
      });
      for (const wrong of [`${token}x`, 'metrics-token-0123456788', TEST_TOKEN]) {
        const res = await fetch(`${t.baseUrl}/metrics`, { headers: bearer(wrong) });
        expect(await res.json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'The metrics token is not valid' });
      }
      const ok = await fetch(`${t.baseUrl}/metrics`, { headers: bearer(token) });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/^headway_process_resident_memory_bytes \d+/m);
    } finally {
      await t.close();
    }
  });
});
