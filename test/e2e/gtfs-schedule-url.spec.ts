import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Board } from '#shared/board';
import type { Feed } from '#shared/feeds';
import { FeedPoller } from '../../server/src/feeds/feed-poller.service';
import { FeedsRepository } from '../../server/src/feeds/feeds.repository';
import { ScheduleRefreshService } from '../../server/src/feeds/schedule-refresh.service';
import { storeEngines, type TestStore } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { zipOfFixture } from '../support/zip-of';

/** An agency's GTFS download: the zip with an ETag, 304 to a request that has it, 503 while "in maintenance". */
function agencyServer() {
  const state = { zip: null as Buffer | null, etag: '"v1"', seen: [] as IncomingHttpHeaders[] };
  const server: Server = createServer((req, res) => {
    state.seen.push(req.headers);
    if (state.zip === null) return void res.writeHead(503).end('maintenance');
    if (req.headers['if-none-match'] === state.etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/zip', etag: state.etag }).end(state.zip);
  });
  return { server, state };
}

/** Tuesday 1 December 2026, 06:00 in Bern; the next day at the same time. */
const DAY_1 = '2026-12-01T05:00:00Z';
const DAY_2 = '2026-12-02T05:00:00Z';

describe.each(storeEngines())('$name: a feed’s schedule URL, fetched again and rolled forward every day (e2e)', (engine) => {
  let store: TestStore;
  let env: Record<string, string>;
  let agency: ReturnType<typeof agencyServer>;
  let dataDir: string;
  let t: TestApp;
  let port: number;

  beforeEach(async () => {
    agency = agencyServer();
    await new Promise<void>((resolve) => agency.server.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'headway-schedule-url-'));
    store = await engine.create();
    env = engine.name === 'postgres' ? store.env : {};
    // The agency here is a local server: private targets are refused unless allowed.
    t = await startTestApp({ ...env, CLOCK: DAY_1, FEED_ALLOW_PRIVATE: 'on' }, {}, { dataDir });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    // No from=: the window is "today and the next GTFS_SERVICE_DAYS - 1 days", which rolls.
    const res = await t.request('/api/feeds/bus/schedule', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(await zipOfFixture('namesake-stops')),
    });
    expect(res.status).toBe(200);
  });
  afterEach(async () => {
    await t.close();
    agency.server.close();
    await store.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const url = () => `http://127.0.0.1:${(agency.server.address() as AddressInfo).port}/gtfs.zip`;
  const feed = async () => (await (await t.request('/api/feeds/bus', { auth: true })).json()) as Feed;
  const schedule = async () => (await feed()).sources.find((s) => s.kind === 'schedule')!;
  const board = async (id: string) => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;
  const fetchNow = async () => {
    const record = (await t.app.get(FeedsRepository).findFeed('bus'))!;
    await t.app.get(ScheduleRefreshService).fetch(record, record.scheduleUrl!);
  };

  it('fetches the zip at scheduleUrl with the feed’s headers, imports it, then asks again with its ETag', async () => {
    agency.state.zip = await zipOfFixture('frequencies');
    const put = await t.request('/api/feeds/bus', {
      method: 'PUT',
      auth: true,
      json: { scheduleUrl: url(), headers: { 'X-Api-Key': 'agency-secret-123' } },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ scheduleUrl: url(), headerNames: ['X-Api-Key'] });

    // The poller (one tick, as its timer would) fetches a newly set URL at once.
    await t.app.get(FeedPoller).tick();
    await waitFor(async () => (await t.request('/api/stations/bus-bellevue/board')).status === 200, 5_000, 'the fetched schedule');
    expect(agency.state.seen[0]['x-api-key']).toBe('agency-secret-123');
    expect((await board('bus-bellevue')).departures.some((d) => d.line === '5')).toBe(true);
    // The old schedule's runs left the boards: the fetched zip replaced it.
    expect((await board('bus-bern-a')).departures).toEqual([]);

    const before = (await board('bus-bellevue')).seq;
    await fetchNow();
    expect(agency.state.seen.at(-1)?.['if-none-match']).toBe('"v1"');
    expect((await board('bus-bellevue')).seq).toBe(before);
    expect((await schedule()).errors).toEqual([]);
  });

  it('keeps the schedule there is when the fetch fails, and says so in the feed’s health', async () => {
    await t.request('/api/feeds/bus', { method: 'PUT', auth: true, json: { scheduleUrl: url() } });
    await fetchNow();
    expect((await schedule()).errors[0].message).toBe('answered HTTP 503; the schedule imported before is kept');
    expect((await board('bus-bern-a')).departures.length).toBeGreaterThan(0);
  });

  it('rolls the window forward a day later from the zip it kept, fetching nothing', async () => {
    expect((await feed()).window).toEqual({ from: '2026-12-01', days: 2 });
    expect((await board('bus-bern-a')).departures.map((d) => d.id)).toContain('t10.20261202');
    await t.close();
    // The boards' clock a day on, on the same store.
    t = await startTestApp({ ...env, CLOCK: DAY_2, FEED_ALLOW_PRIVATE: 'on' }, {}, { dataDir, port });
    const refresh = t.app.get(ScheduleRefreshService);
    const record = (await t.app.get(FeedsRepository).findFeed('bus'))!;
    expect(refresh.isBehind(record)).toBe(true);
    expect(await refresh.roll(record)).toBe(true);

    expect((await feed()).window).toEqual({ from: '2026-12-02', days: 2 });
    const ids = (await board('bus-bern-a')).departures.map((d) => d.id);
    // Tomorrow's runs are there: the boards do not run empty after GTFS_SERVICE_DAYS.
    expect(ids).toContain('t10.20261203');
    expect(refresh.isBehind((await t.app.get(FeedsRepository).findFeed('bus'))!)).toBe(false);
  });

  it('does not roll a window chosen with from=', async () => {
    await t.request('/api/feeds/bus/schedule?from=2026-11-30&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(await zipOfFixture('namesake-stops')),
    });
    const record = (await t.app.get(FeedsRepository).findFeed('bus'))!;
    expect(record.window).toEqual({ from: '2026-11-30', days: 1 });
    expect(t.app.get(ScheduleRefreshService).isBehind(record)).toBe(false);
  });

  it('refuses a private scheduleUrl unless FEED_ALLOW_PRIVATE, naming the field, and changes nothing', async () => {
    const strict = await startTestApp({ CLOCK: DAY_1 });
    try {
      await strict.request('/api/feeds/bus/schedule', {
        method: 'POST',
        auth: true,
        headers: { 'content-type': 'application/zip' },
        body: new Uint8Array(await zipOfFixture('namesake-stops')),
      });
      const res = await strict.request('/api/feeds/bus', { method: 'PUT', auth: true, json: { scheduleUrl: url() } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        fields: [{ field: 'scheduleUrl', message: expect.stringMatching(/^scheduleUrl .*private/) }],
      });
      const bad = await strict.request('/api/feeds/bus', {
        method: 'PUT',
        auth: true,
        json: { scheduleUrl: 'ftp://agency.example/gtfs.zip' },
      });
      expect(await bad.json()).toMatchObject({
        fields: [{ field: 'scheduleUrl', message: 'scheduleUrl must be an http(s) URL, or null' }],
      });
      expect(((await (await strict.request('/api/feeds/bus', { auth: true })).json()) as Feed).scheduleUrl).toBeNull();
    } finally {
      await strict.close();
    }
  });
});
