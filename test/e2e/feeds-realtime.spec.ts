import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '#shared/board';
import type { Feed, RealtimeReport } from '#shared/feeds';
import { editedFeed, encodeFeed, feedBytes } from '../support/gtfs-rt-feeds';
import { startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', name));

/** Caltrain's TripUpdates were captured at 2023-11-08T01:05:34Z; the boards' clock starts just before. */
const CALTRAIN_CLOCK = '2023-11-08T01:05:00Z';

async function withFeed(clock: string, zip: string, feedId: string, from: string): Promise<TestApp> {
  const t = await startTestApp({ CLOCK: clock });
  const res = await t.request(`/api/feeds/${feedId}/schedule?from=${from}&days=1`, {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/zip' },
    body: new Uint8Array(fixture(zip)),
  });
  if (res.status !== 200) throw new Error(`import ${zip}: ${res.status} ${await res.text()}`);
  return t;
}

const push = (t: TestApp, feedId: string, body: Buffer, headers: Record<string, string> = {}) =>
  t.request(`/api/feeds/${feedId}/gtfs-rt`, {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/x-protobuf', ...headers },
    body: new Uint8Array(body),
  });
const board = async (t: TestApp, id: string) => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;
const row = (b: Board, id: string) => b.departures.find((d) => d.id === id);

describe('GTFS-Realtime TripUpdates (e2e, Caltrain)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await withFeed(CALTRAIN_CLOCK, 'caltrain-gtfs.zip', 'caltrain', '2023-11-07');
  });
  afterEach(() => t.close());

  it('moves the matching departures to the feed’s times, and reports the match rate', async () => {
    const res = await push(t, 'caltrain', feedBytes('caltrain-trip-updates.pb'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as RealtimeReport;
    expect(report).toMatchObject({ feedId: 'caltrain', dataAt: '2023-11-08T01:05:34.000Z' });
    expect(report.stats).toMatchObject({ trips: 19, matchedTrips: 19, unmatchedTrips: 0, stopUpdates: 220, matchedStops: 220 });
    expect(report.rows.changed).toBeGreaterThan(100);

    // Trip 124: 17:09 at Santa Clara in the timetable, 17:10:01 in the feed.
    expect(row(await board(t, 'caltrain-santa-clara'), '124.20231107')).toMatchObject({
      scheduledTime: '2023-11-08T01:09:00.000Z',
      expectedTime: '2023-11-08T01:10:01.000Z',
      status: 'delayed',
    });
    expect(row(await board(t, 'caltrain-tamien'), '124.20231107.arr')).toMatchObject({ expectedTime: '2023-11-08T01:21:58.000Z' });

    const health = (await (await t.request('/api/feeds/caltrain', { auth: true })).json()) as Feed;
    expect(health.stale).toBe(false);
    expect(health.sources.find((s) => s.kind === 'trip-updates')).toMatchObject({
      dataAt: '2023-11-08T01:05:34.000Z',
      stats: { matchedTrips: 19, trips: 19 },
      problems: [],
      errors: [],
    });
  });

  it('does not rewrite rows when the same message comes again', async () => {
    await push(t, 'caltrain', feedBytes('caltrain-trip-updates.pb'));
    const seq = (await board(t, 'caltrain-santa-clara')).seq;
    const again = (await (await push(t, 'caltrain', feedBytes('caltrain-trip-updates.pb'))).json()) as RealtimeReport;
    expect(again.rows.changed).toBe(0);
    expect((await board(t, 'caltrain-santa-clara')).seq).toBe(seq);
  });

  it('shows a cancelled trip and a skipped stop as cancelled', async () => {
    const edited = editedFeed(feedBytes('caltrain-trip-updates.pb'), (feed) => {
      const trip124 = feed.entity.find((e) => e.tripUpdate?.trip.tripId === '124')!.tripUpdate!;
      trip124.trip.scheduleRelationship = 'CANCELED';
      const other = feed.entity.find(
        (e) => e.tripUpdate && e.tripUpdate.trip.tripId !== '124' && e.tripUpdate.stopTimeUpdate.length > 2,
      )!.tripUpdate!;
      other.stopTimeUpdate[1].scheduleRelationship = 'SKIPPED';
    });
    expect((await push(t, 'caltrain', encodeFeed(edited))).status).toBe(200);
    expect(row(await board(t, 'caltrain-santa-clara'), '124.20231107')).toMatchObject({ status: 'cancelled', cancelReason: 'Cancelled' });
    // The skipped stop's rows are cancelled; the same trip's rows elsewhere still run.
    const other = edited.entity.find(
      (e) => e.tripUpdate && e.tripUpdate.trip.tripId !== '124' && e.tripUpdate.stopTimeUpdate.length > 2,
    )!.tripUpdate!;
    const stations = ((await (await t.request('/api/stations')).json()) as Array<{ id: string }>).map((s) => s.id);
    const rows = (await Promise.all(stations.map((id) => board(t, id)))).flatMap((b) =>
      b.departures
        .filter((d) => d.id.startsWith(`${other.trip.tripId}.`))
        .map((d) => ({ station: b.station.id, name: b.station.name, status: d.status, kind: d.kind, skipped: d.skippedStops })),
    );
    const cancelledAt = new Set(rows.filter((r) => r.status === 'cancelled').map((r) => r.station));
    expect(cancelledAt.size).toBe(1);
    expect(rows.some((r) => r.status !== 'cancelled')).toBe(true);
    // The departures before it say they will not stop there.
    const skippedName = rows.find((r) => r.status === 'cancelled')!.name;
    const before = rows.filter((r) => r.kind === 'departure' && r.status !== 'cancelled' && r.skipped.length > 0);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.skipped.join() === skippedName)).toBe(true);
  });

  it('refuses bad bodies with a clear error, changes nothing, and lists the failures in the feed’s health', async () => {
    const good = feedBytes('caltrain-trip-updates.pb');
    const cases: Array<[Buffer, Record<string, string>, number, RegExp]> = [
      [Buffer.alloc(0), {}, 400, /empty/],
      [gzipSync(good), {}, 400, /gzip/],
      [Buffer.from('<html>not a feed</html>'), {}, 400, /not a GTFS-Realtime FeedMessage/],
      [good.subarray(0, good.length - 100), {}, 400, /not a GTFS-Realtime FeedMessage/],
      [good, { 'content-type': 'application/json' }, 415, /application\/x-protobuf/],
    ];
    const seq = (await board(t, 'caltrain-santa-clara')).seq;
    for (const [body, headers, status, message] of cases) {
      const res = await push(t, 'caltrain', body, headers);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    expect((await board(t, 'caltrain-santa-clara')).seq).toBe(seq);
    const health = (await (await t.request('/api/feeds/caltrain', { auth: true })).json()) as Feed;
    expect(health.sources.find((s) => s.kind === 'trip-updates')?.errors.length).toBe(4);

    // Declared gzip is fine.
    expect((await push(t, 'caltrain', gzipSync(good), { 'content-encoding': 'gzip' })).status).toBe(200);
    expect((await push(t, 'nowhere', good)).status).toBe(404);
  });
});

describe('GTFS-Realtime (e2e, BART and MBTA)', () => {
  it('reports BART’s unmatched trips and puts its ADDED trips on the boards', async () => {
    const t = await withFeed('2019-08-07T17:40:00Z', 'bart-gtfs.zip', 'bart', '2019-08-07');
    try {
      const report = (await (await push(t, 'bart', feedBytes('bart-trip-updates.pb'))).json()) as RealtimeReport;
      // Eight ADDED trips; 9611018WKDY has a single stop left, too little for a board row, and says so.
      expect(report.stats).toMatchObject({ trips: 91, addedTrips: 7 });
      expect(report.problems).toContainEqual(expect.objectContaining({ tripId: '9611018WKDY' }));
      expect(report.stats.unmatchedTrips).toBeGreaterThan(0);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.problems[0]).toMatchObject({ problem: expect.any(String) });
      const health = (await (await t.request('/api/feeds/bart', { auth: true })).json()) as Feed;
      expect(health.sources.find((s) => s.kind === 'trip-updates')?.problems.length).toBe(report.problems.length);
      // 1051042WKDY is ADDED, starting at South Hayward.
      const shay = await board(t, 'bart-shay');
      expect(shay.departures.some((d) => d.id.startsWith('1051042WKDY.'))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('marks the boards of a feed whose data went quiet as stale', async () => {
    const t = await withFeed('2023-11-08T02:00:00Z', 'caltrain-gtfs.zip', 'caltrain', '2023-11-07');
    try {
      // Data from 01:05:34 at 02:00 is 54 minutes old: more than FEED_STALE_SECONDS (300).
      expect((await push(t, 'caltrain', feedBytes('caltrain-trip-updates.pb'))).status).toBe(200);
      const b = await board(t, 'caltrain-tamien');
      expect(b.feed).toEqual({ feedId: 'caltrain', name: 'Caltrain', dataAt: '2023-11-08T01:05:34.000Z', stale: true });
      expect(((await (await t.request('/api/feeds/caltrain', { auth: true })).json()) as Feed).stale).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('puts MBTA’s alerts on the stations whose stops they inform', async () => {
    const t = await startTestApp({ CLOCK: '2017-12-23T13:05:00Z' });
    try {
      const zip = readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', 'mbta-mini-gtfs.zip'));
      const imported = await t.request('/api/feeds/mbta/schedule?from=2017-12-23&days=1', {
        method: 'POST',
        auth: true,
        headers: { 'content-type': 'application/zip' },
        body: new Uint8Array(zip),
      });
      expect(imported.status).toBe(200);
      const report = (await (await push(t, 'mbta', feedBytes('mbta-alerts.pb'))).json()) as RealtimeReport;
      expect(report.stats['alerts.matchedAlerts']).toBeGreaterThan(0);
      const north = await board(t, 'mbta-place-north');
      expect(north.alerts.map((a) => a.text)).toContain('elevator unavailable');
    } finally {
      await t.close();
    }
  });
});
