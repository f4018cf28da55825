import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { ZipFile } from 'yazl';
import type { Board } from '#shared/board';
import type { Feed, RealtimeReport, ScheduleImportReport } from '#shared/feeds';
import { FeedPoller } from '../../server/src/feeds/feed-poller.service';
import { FeedsRepository } from '../../server/src/feeds/feeds.repository';
import { signIn } from '../support/console-session';
import { editedFeed, encodeFeed, feedBytes } from '../support/gtfs-rt-feeds';
import { startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', name));
const MBTA_CLOCK = '2017-12-23T13:05:00Z';

async function importZip(t: TestApp, feedId: string, zip: Buffer, from: string): Promise<Response> {
  return t.request(`/api/feeds/${feedId}/schedule?from=${from}&days=1`, {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/zip' },
    body: new Uint8Array(zip),
  });
}

async function appWithFeed(env: Record<string, string>, feedId: string, zip: string, from: string): Promise<TestApp> {
  const t = await startTestApp(env);
  const res = await importZip(t, feedId, fixture(zip), from);
  if (res.status !== 200) throw new Error(`import ${zip}: ${res.status} ${await res.text()}`);
  return t;
}

const push = (t: TestApp, feedId: string, body: Buffer, token: string) =>
  t.request(`/api/feeds/${feedId}/gtfs-rt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-protobuf' },
    body: new Uint8Array(body),
  });
const board = async (t: TestApp, id: string) => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;
const feedOf = async (t: TestApp, id: string) => (await (await t.request(`/api/feeds/${id}`, { auth: true })).json()) as Feed;
const sourceOf = async (t: TestApp, id: string, kind: 'trip-updates' | 'alerts') =>
  (await feedOf(t, id)).sources.find((s) => s.kind === kind);

async function createToken(t: TestApp, name: string, permissions: string[], stations: string[] | null = null): Promise<string> {
  const res = await t.request('/api/tokens', { method: 'POST', auth: true, json: { name, permissions, stations } });
  if (res.status !== 201) throw new Error(`token ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** An agency's endpoint: records what it was asked, answers what `reply` says. */
async function agency(
  reply: (url: string, headers: IncomingHttpHeaders) => { status: number; body?: Buffer; headers?: Record<string, string> },
) {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const answer = reply(req.url ?? '', req.headers);
    res.writeHead(answer.status, { 'content-type': 'application/x-protobuf', ...answer.headers }).end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: one just closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function pull(t: TestApp, feedId: string, kind: 'trip-updates' | 'alerts', url: string): Promise<void> {
  const feed = (await t.app.get(FeedsRepository).findFeed(feedId))!;
  await t.app.get(FeedPoller).pull(feed, kind, url);
}

describe('GTFS-Realtime needs each change’s own permission (e2e, issue 12 case 4)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await appWithFeed({ CLOCK: MBTA_CLOCK, FEED_ALLOW_PRIVATE: 'on' }, 'mbta', 'mbta-mini-gtfs.zip', '2017-12-23');
  });
  afterEach(() => t.close());

  it('refuses Alerts from a token with only `departures` (403, as the alerts route does), changes nothing, and says so in the health', async () => {
    const token = await createToken(t, 'departures-only', ['departures']);
    const before = await board(t, 'mbta-place-north');
    const viaRoute = await t.request('/api/stations/mbta-place-north/alerts', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      json: { severity: 'info', text: 'Lift out of order' },
    });
    expect(viaRoute.status).toBe(403);

    const res = await push(t, 'mbta', feedBytes('mbta-alerts.pb'), token);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('forbidden');
    expect(body.message).toMatch(/alerts? refused: Token "departures-only" may not change alerts at station "mbta-/);
    expect(await board(t, 'mbta-place-north')).toEqual(before);
    expect((await sourceOf(t, 'mbta', 'alerts'))?.errors[0].message).toMatch(/Token "departures-only" may not change alerts/);
  });

  it('applies a station-scoped token’s alerts at its station only, and lists the refused ones in the report and the health', async () => {
    const token = await createToken(t, 'north-alerts', ['alerts'], ['mbta-place-north']);
    // The capture's alerts all inform North Station; one more informs a stop elsewhere.
    const elsewhere = (await t.app.get(FeedsRepository).findFeed('mbta'))!.network.stops.find((s) => s.stationId !== 'mbta-place-north')!;
    const message = editedFeed(feedBytes('mbta-alerts.pb'), (feed) => {
      const lift = feed.entity.find((e) => e.id === '105025')!;
      feed.entity.push({
        ...structuredClone(lift),
        id: 'elsewhere',
        alert: { ...structuredClone(lift.alert!), informedEntity: [{ stopId: elsewhere.stopId }] },
      });
    });
    const res = await push(t, 'mbta', encodeFeed(message), token);
    expect(res.status).toBe(200);
    const report = (await res.json()) as RealtimeReport;
    expect((await board(t, 'mbta-place-north')).alerts.map((a) => a.text)).toContain('elevator unavailable');
    const refusals = report.problems.filter((p) => /refused/.test(p.problem));
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.map((r) => r.problem)).toEqual([
      `1 alert refused: Token "north-alerts" may not change alerts at station "${elsewhere.stationId}"`,
    ]);
    expect(report.stats['alerts.refusedChanges']).toBeGreaterThan(0);
    expect((await board(t, elsewhere.stationId)).alerts).toEqual([]);
    expect((await sourceOf(t, 'mbta', 'alerts'))?.problems).toContainEqual(refusals[0]);
  });

  it('pulls with the permissions of the admin who set up polling, and with none once that admin is gone', async () => {
    const endpoint = await agency(() => ({ status: 200, body: feedBytes('mbta-alerts.pb') }));
    try {
      const created = await t.request('/api/users', {
        method: 'POST',
        auth: true,
        json: { username: 'admin2', password: 'a long admin2 password', role: 'admin' },
      });
      const admin2 = await signIn(t, 'admin2', 'a long admin2 password');
      expect((await admin2.request('/api/feeds/mbta', { method: 'PUT', json: { alertsUrl: endpoint.url('/alerts.pb') } })).status).toBe(
        200,
      );
      expect(
        (await t.request(`/api/users/${((await created.json()) as { id: string }).id}`, { method: 'DELETE', auth: true })).status,
      ).toBe(204);

      await pull(t, 'mbta', 'alerts', endpoint.url('/alerts.pb'));
      expect(endpoint.seen).toHaveLength(1);
      expect((await board(t, 'mbta-place-north')).alerts).toEqual([]);
      expect((await sourceOf(t, 'mbta', 'alerts'))?.errors[0].message).toMatch(
        /The user that set up polling \(usr-\w+\), now revoked or deleted, may not change alerts/,
      );

      // Set up again by an admin who exists: the same pull now applies.
      expect(
        (await t.request('/api/feeds/mbta', { method: 'PUT', auth: true, json: { alertsUrl: endpoint.url('/alerts.pb') } })).status,
      ).toBe(200);
      await pull(t, 'mbta', 'alerts', endpoint.url('/alerts.pb'));
      expect((await board(t, 'mbta-place-north')).alerts.map((a) => a.text)).toContain('elevator unavailable');
    } finally {
      await endpoint.close();
    }
  });
});

describe('GTFS-Realtime TripUpdates from a station-scoped token (e2e, issue 12 case 4)', () => {
  it('moves the departures at the token’s station and refuses, and reports, the others', async () => {
    const t = await appWithFeed({ CLOCK: '2023-11-08T01:05:00Z' }, 'caltrain', 'caltrain-gtfs.zip', '2023-11-07');
    try {
      const token = await createToken(t, 'santa-clara-feed', ['departures'], ['caltrain-santa-clara']);
      const tamien = (await board(t, 'caltrain-tamien')).departures;
      const res = await push(t, 'caltrain', feedBytes('caltrain-trip-updates.pb'), token);
      expect(res.status).toBe(200);
      const report = (await res.json()) as RealtimeReport;
      expect((await board(t, 'caltrain-santa-clara')).departures.find((d) => d.id === '124.20231107')?.expectedTime).toBe(
        '2023-11-08T01:10:01.000Z',
      );
      expect((await board(t, 'caltrain-tamien')).departures).toEqual(tamien);
      expect(report.problems.map((p) => p.problem)).toContainEqual(
        expect.stringMatching(/^\d+ departures? refused: Token "santa-clara-feed" may not change departures at station "caltrain-tamien"$/),
      );
      expect(report.stats.refusedChanges).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});

describe('Feed secrets (e2e, issue 12 case 10)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await appWithFeed({ CLOCK: MBTA_CLOCK, FEED_ALLOW_PRIVATE: 'on' }, 'mbta', 'mbta-mini-gtfs.zip', '2017-12-23');
  });
  afterEach(() => t.close());

  it('never shows a URL’s credentials or a header’s value, to admins, viewers, the health or the log, and still sends them', async () => {
    const endpoint = await agency(() => ({ status: 401 }));
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const url = `http://feeduser:pw-SECRET-1@127.0.0.1:${endpoint.port}/alerts.pb?format=pb&api_key=SECRET-2`;
      const res = await t.request('/api/feeds/mbta', {
        method: 'PUT',
        auth: true,
        json: { alertsUrl: url, headers: { 'Ocp-Apim-Subscription-Key': 'SECRET-3' } },
      });
      expect(res.status).toBe(200);
      const shown = (await res.json()) as Feed;
      expect(shown.alertsUrl).toBe(`http://REDACTED@127.0.0.1:${endpoint.port}/alerts.pb?format=pb&api_key=REDACTED`);
      expect(shown.headerNames).toEqual(['Ocp-Apim-Subscription-Key']);

      await pull(t, 'mbta', 'alerts', (await t.app.get(FeedsRepository).findFeed('mbta'))!.alertsUrl!);
      expect(endpoint.seen[0].url).toBe('/alerts.pb?format=pb&api_key=SECRET-2');
      expect(endpoint.seen[0].headers['ocp-apim-subscription-key']).toBe('SECRET-3');
      expect(endpoint.seen[0].headers.authorization).toBe(`Basic ${Buffer.from('feeduser:pw-SECRET-1').toString('base64')}`);

      await t.request('/api/users', {
        method: 'POST',
        auth: true,
        json: { username: 'viewer', password: 'a long viewer password', role: 'viewer' },
      });
      const viewer = await signIn(t, 'viewer', 'a long viewer password');
      const seenByViewer = await (await viewer.request('/api/feeds')).text();
      const health = await sourceOf(t, 'mbta', 'alerts');
      expect(health?.errors[0].message).toBe('answered HTTP 401');
      expect(warn).toHaveBeenCalled();
      for (const text of [JSON.stringify(shown), seenByViewer, JSON.stringify(health), JSON.stringify(warn.mock.calls)])
        expect(text).not.toMatch(/SECRET/);
    } finally {
      warn.mockRestore();
      await endpoint.close();
    }
  });

  it('keeps the stored credentials when a client sends back the URL as it was shown', async () => {
    const endpoint = await agency(() => ({ status: 304 }));
    try {
      const url = endpoint.url('/alerts.pb?token=SECRET');
      await t.request('/api/feeds/mbta', { method: 'PUT', auth: true, json: { alertsUrl: url, headers: { 'X-Api-Key': 'SECRET-H' } } });
      const shown = (await feedOf(t, 'mbta')).alertsUrl!;
      expect(shown).toBe(endpoint.url('/alerts.pb?token=REDACTED'));
      expect((await t.request('/api/feeds/mbta', { method: 'PUT', auth: true, json: { alertsUrl: shown, pollSeconds: 60 } })).status).toBe(
        200,
      );
      const stored = (await t.app.get(FeedsRepository).findFeed('mbta'))!;
      expect([stored.alertsUrl, stored.headers, stored.pollSeconds]).toEqual([url, { 'X-Api-Key': 'SECRET-H' }, 60]);
      // `null` removes the headers.
      await t.request('/api/feeds/mbta', { method: 'PUT', auth: true, json: { headers: null } });
      expect((await feedOf(t, 'mbta')).headerNames).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });

  it.each([
    ['a name with a space', { 'Api Key': 'x' }, /"Api Key" is not a header name/],
    [
      'a value with a line break',
      { 'X-Api-Key': 'x\r\nX-Injected: 1' },
      /value of X-Api-Key must be 1 to 2048 visible ASCII characters \(no line breaks\)/,
    ],
    ['a header the server sets', { Host: 'agency.example' }, /Host is set by the server itself/],
    ['an empty value', { 'X-Api-Key': '' }, /value of X-Api-Key must be/],
    ['a value that is not text', { 'X-Api-Key': 42 }, /value of X-Api-Key must be/],
    ['eleven headers', Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-H${i}`, 'v'])), /at most 10 headers/],
    ['a list', ['X-Api-Key: x'], /must be an object of header names to values/],
  ])('refuses headers with %s (400 naming headers and why), and changes nothing', async (_case, headers, why) => {
    const before = await feedOf(t, 'mbta');
    const res = await t.request('/api/feeds/mbta', {
      method: 'PUT',
      auth: true,
      json: { alertsUrl: 'https://agency.example/alerts.pb', headers },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: Array<{ field: string; message: string }> };
    expect(body.error).toBe('validation_failed');
    expect(body.fields).toEqual([{ field: 'headers', message: expect.stringMatching(why) }]);
    expect(await feedOf(t, 'mbta')).toEqual(before);
  });

  it('does not send the feed’s headers after a redirect to another origin', async () => {
    const other = await agency(() => ({ status: 304 }));
    const first = await agency(() => ({ status: 302, headers: { location: other.url('/moved.pb') } }));
    try {
      await t.request('/api/feeds/mbta', {
        method: 'PUT',
        auth: true,
        json: { alertsUrl: first.url('/alerts.pb'), headers: { 'X-Api-Key': 'SECRET' } },
      });
      await pull(t, 'mbta', 'alerts', first.url('/alerts.pb'));
      expect(first.seen[0].headers['x-api-key']).toBe('SECRET');
      expect(other.seen).toHaveLength(1);
      expect(other.seen[0].headers['x-api-key']).toBeUndefined();
    } finally {
      await first.close();
      await other.close();
    }
  });
});

describe('Feed URLs cannot reach the server’s own network (e2e, issue 12 case 11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appWithFeed({ CLOCK: MBTA_CLOCK }, 'mbta', 'mbta-mini-gtfs.zip', '2017-12-23');
  });
  afterAll(() => t.close());

  it.each([
    'http://127.0.0.1:22/',
    'http://localhost:3100/api/health',
    'http://app.localhost/x.pb',
    'http://[::1]/x.pb',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/x.pb',
    'http://172.20.0.1/x.pb',
    'http://192.168.1.1/x.pb',
    'http://100.64.0.1/x.pb',
    'http://0.0.0.0:3000/',
    'http://[fd12:3456::1]/x.pb',
    'http://[fe80::1]/x.pb',
    'http://[::ffff:127.0.0.1]/x.pb',
  ])('refuses %s when set (400 naming the field), and changes nothing', async (url) => {
    const before = await feedOf(t, 'mbta');
    const res = await t.request('/api/feeds/mbta', { method: 'PUT', auth: true, json: { tripUpdatesUrl: url } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: Array<{ field: string; message: string }> };
    expect(body.error).toBe('validation_failed');
    expect(body.fields).toEqual([{ field: 'tripUpdatesUrl', message: expect.stringMatching(/private address.*FEED_ALLOW_PRIVATE=on/) }]);
    expect(await feedOf(t, 'mbta')).toEqual(before);
  });

  it('gives a closed port and a listening one the same answer, and never connects', async () => {
    const endpoint = await agency(() => ({ status: 401 }));
    try {
      await pull(t, 'mbta', 'trip-updates', `http://127.0.0.1:${await closedPort()}/x.pb`);
      const closed = (await sourceOf(t, 'mbta', 'trip-updates'))!.errors[0].message;
      await pull(t, 'mbta', 'trip-updates', endpoint.url('/x.pb'));
      const open = (await sourceOf(t, 'mbta', 'trip-updates'))!.errors[0].message;
      expect(closed).toBe(open);
      expect(open).toMatch(/^refused: .*private address/);
      expect(endpoint.seen).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a hostname once it resolves to a private address', async () => {
    // This machine's own name resolves to one of its addresses (loopback or LAN) but passes as a public name.
    const name = hostname();
    const address = await lookup(name).then(
      (a) => a.address,
      () => null,
    );
    if (address === null || !/^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|fe80:|f[cd])/i.test(address))
      throw new Error(`this test needs "${name}" to resolve to a private address, got ${address}`);
    const endpoint = await agency(() => ({ status: 200, body: feedBytes('mbta-alerts.pb') }));
    try {
      await pull(t, 'mbta', 'alerts', `http://${name}:${endpoint.port}/alerts.pb`);
      expect((await sourceOf(t, 'mbta', 'alerts'))!.errors[0].message).toMatch(/^refused: .*private address/);
      expect(endpoint.seen).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
});

describe('Feed fetch failures say nothing of the network, even where private targets are allowed (e2e, issue 12 case 11)', () => {
  it('reports a refused connection as "connection failed"', async () => {
    const t = await appWithFeed({ CLOCK: MBTA_CLOCK, FEED_ALLOW_PRIVATE: 'on' }, 'mbta', 'mbta-mini-gtfs.zip', '2017-12-23');
    try {
      await pull(t, 'mbta', 'trip-updates', `http://127.0.0.1:${await closedPort()}/x.pb`);
      expect((await sourceOf(t, 'mbta', 'trip-updates'))!.errors[0].message).toBe('could not fetch: connection failed');
    } finally {
      await t.close();
    }
  });
});

/** A small valid GTFS feed, with `stop_times.txt` replaced when given as a stream of `bytes` bytes of "a". */
function gtfsZip(files: Record<string, string>, bomb?: { bytes: number }): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  if (bomb) {
    // One line of `bytes` bytes, streamed into the zip: never held whole by the test.
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let left = bomb.bytes;
    const stream = new Readable({
      read() {
        if (left <= 0) return void this.push(null);
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        this.push(part);
      },
    });
    zip.addReadStream(stream, 'stop_times.txt');
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream
      .on('data', (c: Buffer) => parts.push(c))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
}

const SMALL_FEED = {
  'agency.txt': 'agency_name,agency_url,agency_timezone\nLakeside Rail,https://lakeside.example,Europe/Zurich\n',
  'stops.txt': 'stop_id,stop_name\nmain,"Main\u202E Street\u0000"\nport,Port\n',
  'routes.txt': 'route_id,route_short_name,route_type\nl1,L1,2\n',
  'trips.txt': 'route_id,service_id,trip_id,trip_headsign\nl1,daily,t1,"Down\u200Btown\u0007"\n',
  'calendar_dates.txt': 'service_id,date,exception_type\ndaily,20261201,1\n',
  'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,09:00:00,09:00:00,main,1\nt1,09:30:00,09:30:00,port,2\n',
};

describe('A GTFS zip bomb is refused early and holds up nothing (e2e, issue 12 case 9)', () => {
  /** `/api/health`'s slowest answer while `work` runs; probed every 50 ms. */
  async function slowestHealth(t: TestApp, work: Promise<Response>): Promise<{ res: Response; slowestMs: number; probes: number }> {
    let done = false;
    let slowestMs = 0;
    let probes = 0;
    const probe = (async () => {
      while (!done) {
        const started = Date.now();
        expect((await t.request('/api/health')).status).toBe(200);
        slowestMs = Math.max(slowestMs, Date.now() - started);
        probes += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const res = await work.finally(() => (done = true));
    await probe;
    return { res, slowestMs, probes };
  }

  it('refuses stop_times.txt made of one 300 MB line with a 422 naming the file and the row limit; health answers meanwhile', async () => {
    const { 'stop_times.txt': _, ...rest } = SMALL_FEED;
    const zip = await gtfsZip(rest, { bytes: 300 * 1024 * 1024 });
    expect(zip.length).toBeLessThan(1024 * 1024);
    const t = await startTestApp({ CLOCK: '2026-12-01T07:00:00Z' });
    try {
      const { res, slowestMs } = await slowestHealth(t, importZip(t, 'lakeside', zip, '2026-12-01'));
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; message: string };
      expect(body).toMatchObject({
        error: 'invalid_gtfs',
        message: expect.stringMatching(/^stop_times\.txt line 1: a row is longer than the limit of 65536 bytes per row$/),
      });
      // A generous bound: not a speed test, but seconds of stall would fail it.
      expect(slowestMs).toBeLessThan(1000);
      expect((await t.request('/api/stations')).status).toBe(200);
      expect(await (await t.request('/api/stations')).json()).toEqual([]);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses a file that inflates past GTFS_FILE_LIMIT_BYTES before inflating it, naming the file and the limit', async () => {
    const { 'stop_times.txt': _, ...rest } = SMALL_FEED;
    const zip = await gtfsZip(rest, { bytes: 20 * 1024 * 1024 });
    const t = await startTestApp({ CLOCK: '2026-12-01T07:00:00Z', GTFS_FILE_LIMIT_BYTES: String(8 * 1024 * 1024) });
    try {
      const res = await importZip(t, 'lakeside', zip, '2026-12-01');
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        error: 'invalid_gtfs',
        message: 'stop_times.txt: inflates to 20971520 bytes, over the limit of 8388608 bytes per file (GTFS_FILE_LIMIT_BYTES)',
      });
    } finally {
      await t.close();
    }
  });
});

describe('Feed text is cleaned of control, bidi and zero-width characters, and the cleaning reported (e2e, issue 12 case 13)', () => {
  it('cleans GTFS stop names and headsigns on import and counts them', async () => {
    const t = await startTestApp({ CLOCK: '2026-12-01T07:00:00Z' });
    try {
      const res = await importZip(t, 'lakeside', await gtfsZip(SMALL_FEED), '2026-12-01');
      expect(res.status).toBe(200);
      expect(((await res.json()) as ScheduleImportReport).textsCleaned).toBe(2);
      const main = await board(t, 'lakeside-main');
      expect(main.station.name).toBe('Main Street');
      expect(main.departures.map((d) => d.destination)).toEqual(['Downtown']);
      const schedule = (await feedOf(t, 'lakeside')).sources.find((s) => s.kind === 'schedule');
      expect(schedule?.stats).toMatchObject({ textsCleaned: 2 });
      expect(schedule?.problems).toEqual([{ problem: '2 texts had control, bidirectional or zero-width characters, which were removed' }]);
    } finally {
      await t.close();
    }
  });

  it('cleans GTFS-Realtime alert texts and counts them in the report', async () => {
    const t = await appWithFeed({ CLOCK: MBTA_CLOCK }, 'mbta', 'mbta-mini-gtfs.zip', '2017-12-23');
    try {
      const edited = editedFeed(feedBytes('mbta-alerts.pb'), (feed) => {
        for (const entity of feed.entity) {
          for (const translation of entity.alert?.headerText?.translation ?? []) {
            if (translation.text === 'elevator unavailable') translation.text = '\u202Eelevator\u200B unavailable\u0007';
          }
        }
      });
      const res = await push(t, 'mbta', encodeFeed(edited), 'test-token-0123456789abcdef');
      expect(res.status).toBe(200);
      const report = (await res.json()) as RealtimeReport;
      const texts = (await board(t, 'mbta-place-north')).alerts.flatMap((a) => [a.text, ...Object.values(a.translations ?? {})]);
      expect(texts).toContain('elevator unavailable');
      // eslint-disable-next-line no-control-regex -- the BEL the feed sent must be gone
      expect(texts.join('')).not.toMatch(/[\u202E\u200B\u0007]/);
      expect(report.stats['alerts.textsCleaned']).toBeGreaterThanOrEqual(1);
      expect(report.problems.map((p) => p.problem)).toContainEqual(
        expect.stringMatching(/^\d+ texts? had control, bidirectional or zero-width characters, which were removed$/),
      );
    } finally {
      await t.close();
    }
  });
});
