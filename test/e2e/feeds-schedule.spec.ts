import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipOf, zipOfFixture } from '../support/zip-of';
import type { Board, Departure, Station } from '#shared/board';
import type { Feed, ScheduleImportReport } from '#shared/feeds';
import { signIn } from '../support/console-session';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const CALTRAIN_ZIP = readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', 'caltrain-gtfs.zip'));

/** Tuesday 7 November 2023, 16:00 in California: Caltrain's weekday afternoon, as the capture saw it. */
const CLOCK = '2023-11-08T00:00:00Z';

describe('GTFS schedule import (e2e, Caltrain)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ CLOCK });
  });
  afterEach(() => t.close());

  const importZip = (zip: Buffer, query = 'from=2023-11-07&days=1', feedId = 'caltrain') =>
    t.request(`/api/feeds/${feedId}/schedule?${query}`, {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(zip),
    });
  const board = async (id: string) => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;
  const row = (b: Board, id: string) => b.departures.find((d) => d.id === id);

  it('makes stations from parent stations, lines from routes, and the day’s departures at local times', async () => {
    const res = await importZip(CALTRAIN_ZIP);
    expect(res.status).toBe(200);
    const report = (await res.json()) as ScheduleImportReport;
    expect(report).toMatchObject({ feedId: 'caltrain', routes: 9, window: { from: '2023-11-07', days: 1 } });
    expect(report.stations).toBeGreaterThanOrEqual(30);
    expect(report.rows.created).toBeGreaterThan(500);

    const stations = (await (await t.request('/api/stations')).json()) as Station[];
    expect(stations).toContainEqual({
      id: 'caltrain-22nd-street',
      name: '22nd Street',
      timezone: 'America/Los_Angeles',
      feedId: 'caltrain',
      // feed_info.txt's feed_lang (or agency_lang): what the board marks untranslated texts with.
      language: 'en',
    });

    // Trip 124 (L1 "Tamien"), timetabled 17:03 at Lawrence and 17:09 at Santa Clara, Pacific time.
    const lawrence = await board('caltrain-lawrence');
    expect(row(lawrence, '124.20231107')).toMatchObject({
      kind: 'departure',
      line: 'L1',
      lineColor: '#c5c5c5',
      destination: 'Tamien',
      // trips.txt's trip_short_name: the number on the train.
      trainNumber: '124',
      scheduledTime: '2023-11-08T01:03:00.000Z',
      expectedTime: null,
      status: 'on-time',
    });
    expect(row(await board('caltrain-santa-clara'), '124.20231107.arr')).toMatchObject({
      kind: 'arrival',
      scheduledTime: '2023-11-08T01:09:00.000Z',
    });
    // Runs that left before the clock's now are not put on the boards only to roll off again.
    expect(lawrence.departures.every((d) => Date.parse(d.scheduledTime) >= Date.parse(CLOCK) - 2 * 60_000)).toBe(true);

    const feed = (await (await t.request('/api/feeds/caltrain', { auth: true })).json()) as Feed;
    expect(feed).toMatchObject({
      id: 'caltrain',
      name: 'Caltrain',
      timezone: 'America/Los_Angeles',
      scheduleVersion: '20230922',
      // feed_info.txt's feed_start_date and feed_end_date, shown in the feed's health.
      scheduleValidity: { from: '2023-09-23', until: '2024-06-01' },
      stale: false,
    });
    expect(feed.sources.find((s) => s.kind === 'schedule')?.lastSuccessAt).toEqual(expect.any(String));
  });

  it('re-imports without rewriting unchanged rows and without losing an operator’s hold', async () => {
    expect((await importZip(CALTRAIN_ZIP)).status).toBe(200);
    const operator = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
    const held = await operator.request('/api/stations/caltrain-lawrence/departures/124.20231107', {
      method: 'PATCH',
      json: { delayMinutes: 7, platform: '2' },
    });
    expect(held.status).toBe(200);
    const before = await board('caltrain-lawrence');

    const again = (await (await importZip(CALTRAIN_ZIP)).json()) as ScheduleImportReport;
    expect(again.rows).toMatchObject({ created: 0, changed: 0, removed: 0 });
    expect(again.rows.unchanged).toBeGreaterThan(500);
    const after = await board('caltrain-lawrence');
    expect(after.seq).toBe(before.seq);
    const kept = row(after, '124.20231107') as Departure;
    expect(kept).toMatchObject({ expectedTime: '2023-11-08T01:10:00.000Z', platform: '2', status: 'delayed' });
    expect(kept.override).toMatchObject({ by: TEST_ADMIN.username });
  });

  it('removes the runs a new schedule no longer has', async () => {
    expect((await importZip(CALTRAIN_ZIP, 'from=2023-11-07&days=1')).status).toBe(200);
    // Saturday 11 November has weekend service only: the weekday runs of the 7th go.
    const report = (await (await importZip(CALTRAIN_ZIP, 'from=2023-11-11&days=1')).json()) as ScheduleImportReport;
    expect(report.rows.removed).toBeGreaterThan(500);
    expect(row(await board('caltrain-lawrence'), '124.20231107')).toBeUndefined();
  });

  it('refuses a body that is not a GTFS zip, says why, and creates nothing', async () => {
    const res = await importZip(Buffer.from('trip_id,arrival_time\n1,25:00:00\n'), undefined, 'broken');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422, error: 'invalid_gtfs', message: expect.stringMatching(/zip/i) });
    expect((await t.request('/api/feeds/broken', { auth: true })).status).toBe(404);
    expect((await (await t.request('/api/stations')).json()) as Station[]).toEqual([]);
  });

  it('checks the window, the content type and who may import', async () => {
    const bad = await importZip(CALTRAIN_ZIP, 'from=7.11.2023&days=40');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual(['days', 'from']);
    const json = await t.request('/api/feeds/caltrain/schedule', { method: 'POST', auth: true, json: { zip: 'no' } });
    expect(json.status).toBe(415);
    const anonymous = await t.request('/api/feeds/caltrain/schedule', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(CALTRAIN_ZIP),
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('GTFS schedule import of a ring line (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ CLOCK: '2026-12-01T06:00:00Z' });
  });
  afterEach(() => t.close());

  it('says why an import put nothing on the boards: the window is outside the feed’s calendar', async () => {
    const zip = await zipOf({
      'agency.txt': 'agency_id,agency_name,agency_url,agency_timezone\nR,Ring Bus,https://example.com,Europe/Zurich\n',
      'stops.txt': 'stop_id,stop_name\ncentral,Central\npark,Park\n',
      'routes.txt': 'route_id,route_short_name,route_type\nR1,R1,3\n',
      'trips.txt': 'route_id,service_id,trip_id\nR1,winter,t1\n',
      'stop_times.txt':
        'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,central,1\nt1,08:05:00,08:05:00,park,2\n',
      'calendar.txt':
        'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nwinter,1,1,1,1,1,1,1,20230923,20240601\n',
    });
    const res = await t.request('/api/feeds/ring/schedule?from=2026-12-01&days=3', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(zip),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      trips: 0,
      warning:
        "No trips were put on the boards: this feed's calendar runs 2023-09-23 to 2024-06-01; the window 2026-12-01 + 3 days is outside it; import with from= (CLI: --from) a date in it",
    });
  });

  // Before, a trip that called at one station twice failed the whole import ("The departure kept changing…").
  it('imports a trip that serves one station twice, each call a row of its own', async () => {
    // The ring bus R1 of test/fixtures/gtfs/ring-line: Central at 08:00, Park, Central again at 08:11, Park again.
    const zip = await zipOfFixture('ring-line');
    const res = await t.request('/api/feeds/ring/schedule?from=2026-12-01&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(zip),
    });
    expect(res.status).toBe(200);
    const central = (await (await t.request('/api/stations/ring-central/board')).json()) as Board;
    expect(central.departures.filter((d) => d.kind === 'departure').map((d) => [d.id, d.scheduledTime])).toEqual([
      ['ring-1.20261201', '2026-12-01T07:00:00.000Z'],
      ['ring-1.20261201~2', '2026-12-01T07:11:00.000Z'],
    ]);
  });
});
