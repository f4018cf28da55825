import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '#shared/board';
import type { Feed } from '#shared/feeds';
import { FeedPoller } from '../../server/src/feeds/feed-poller.service';
import { FeedsRepository } from '../../server/src/feeds/feeds.repository';
import { feedBytes } from '../support/gtfs-rt-feeds';
import { startTestApp, type TestApp } from '../support/test-app';

/** An agency's GTFS-Realtime endpoint: answers with an ETag, and 304 to a request that has it. */
function agencyServer(body: () => Buffer | null) {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    const bytes = body();
    if (bytes === null) return void res.writeHead(503).end('maintenance');
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/x-protobuf', etag: '"v1"' }).end(bytes);
  });
  return { server, seen };
}

describe('Pulling GTFS-Realtime (e2e)', () => {
  let t: TestApp;
  let agency: ReturnType<typeof agencyServer>;
  let body: Buffer | null;

  beforeEach(async () => {
    body = feedBytes('caltrain-trip-updates.pb');
    agency = agencyServer(() => body);
    await new Promise<void>((resolve) => agency.server.listen(0, '127.0.0.1', resolve));
    // The agency here is a local server: private targets are refused unless allowed.
    t = await startTestApp({ CLOCK: '2023-11-08T01:05:00Z', FEED_ALLOW_PRIVATE: 'on' });
    const zip = readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', 'caltrain-gtfs.zip'));
    await t.request('/api/feeds/caltrain/schedule?from=2023-11-07&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(zip),
    });
  });
  afterEach(async () => {
    await t.close();
    agency.server.close();
  });

  const url = () => `http://127.0.0.1:${(agency.server.address() as AddressInfo).port}/trip-updates.pb`;
  const pull = async () => {
    const feed = (await t.app.get(FeedsRepository).findFeed('caltrain'))!;
    await t.app.get(FeedPoller).pull(feed, 'trip-updates', url());
  };
  const health = async () =>
    ((await (await t.request('/api/feeds/caltrain', { auth: true })).json()) as Feed).sources.find((s) => s.kind === 'trip-updates')!;

  it('pulls a configured URL, applies it, and asks again with the ETag it got', async () => {
    const res = await t.request('/api/feeds/caltrain', { method: 'PUT', auth: true, json: { tripUpdatesUrl: url(), pollSeconds: 30 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tripUpdatesUrl: url(), pollSeconds: 30 });

    await pull();
    const board = (await (await t.request('/api/stations/caltrain-santa-clara/board')).json()) as Board;
    expect(board.departures.find((d) => d.id === '124.20231107')?.expectedTime).toBe('2023-11-08T01:10:01.000Z');
    expect(await health()).toMatchObject({ stats: { matchedTrips: 19 }, errors: [] });

    await pull();
    expect(agency.seen.at(-1)?.['if-none-match']).toBe('"v1"');
    expect((await health()).errors).toEqual([]);
  });

  it('records a failing source in the feed’s health and keeps the boards as they were', async () => {
    await pull();
    body = null;
    await pull();
    const source = await health();
    expect(source.errors[0].message).toMatch(/503/);
    expect(source.stats).toMatchObject({ matchedTrips: 19 });
  });

  it('validates feed settings', async () => {
    const res = await t.request('/api/feeds/caltrain', { method: 'PUT', auth: true, json: { tripUpdatesUrl: 'ftp://x', pollSeconds: 2 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual([
      'pollSeconds',
      'tripUpdatesUrl',
    ]);
    expect((await t.request('/api/feeds/unknown', { method: 'PUT', auth: true, json: { pollSeconds: 60 } })).status).toBe(404);
  });
});
