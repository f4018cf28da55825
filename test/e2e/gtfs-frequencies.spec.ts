import type { Board, Departure } from '#shared/board';
import type { ScheduleImportReport } from '#shared/feeds';
import { startTestApp, type TestApp } from '../support/test-app';
import { zipOf, zipOfFixture } from '../support/zip-of';

/** Tuesday 1 December 2026, 05:30 in Zürich: before the first tram of the fixture's frequencies. */
const CLOCK = '2026-12-01T04:30:00Z';

describe('GTFS frequencies.txt (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ CLOCK });
  });
  afterEach(() => t.close());

  const importFixture = async () => {
    const res = await t.request('/api/feeds/city/schedule?from=2026-12-01&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(await zipOfFixture('frequencies')),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ScheduleImportReport;
  };
  const departures = async (stationId: string, line: string) => {
    const board = (await (await t.request(`/api/stations/${stationId}/board`)).json()) as Board;
    return board.departures.filter((d) => d.kind === 'departure' && d.line === line);
  };
  const local = (d: Departure) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit' }).format(new Date(d.scheduledTime));

  it('runs an exact_times=1 trip at its headways, timed by the offsets of its stop_times, without the template run', async () => {
    const report = await importFixture();
    // Tram 5: every 10 min from 06:00 to 07:00, then every 15 min to 07:30 (8 runs); bus 31: every 10 min 06:00-08:00 (12).
    expect(report.trips).toBe(20);

    const bellevue = await departures('city-bellevue', '5');
    expect(bellevue.map(local)).toEqual(['06:00', '06:10', '06:20', '06:30', '06:40', '06:50', '07:00', '07:15']);
    // The template's own 10:00 is only where the offsets come from.
    expect(bellevue.map(local)).not.toContain('10:00');
    expect(bellevue[0]).toMatchObject({ id: 'tram5-template~0600.20261201', destination: 'Römerhof' });
    expect(bellevue[0].headwayMinutes).toBeUndefined();
    // Kunsthaus is 4 minutes after the first stop in the template: so it is in every run.
    expect((await departures('city-kunsthaus', '5')).map(local)).toEqual([
      '06:04',
      '06:14',
      '06:24',
      '06:34',
      '06:44',
      '06:54',
      '07:04',
      '07:19',
    ]);
  });

  it('marks the runs of an exact_times=0 trip with their headway, for the board to say "every 10 min"', async () => {
    await importFixture();
    const bus = await departures('city-bellevue', '31');
    expect(bus).toHaveLength(12);
    expect(bus.every((d) => d.headwayMinutes === 10)).toBe(true);
    expect(local(bus[0])).toBe('06:00');
    expect(local(bus[11])).toBe('07:50');
  });

  it('re-imports the same frequencies without changing a row: the run ids are stable', async () => {
    await importFixture();
    const again = await importFixture();
    expect(again.rows).toMatchObject({ created: 0, changed: 0, removed: 0 });
  });

  it('refuses a frequencies.txt row whose end is not after its start, naming the file and line', async () => {
    const res = await t.request('/api/feeds/bad/schedule?from=2026-12-01&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(
        await zipOf({
          'agency.txt': 'agency_name,agency_url,agency_timezone\nX,https://example.org,Europe/Zurich\n',
          'stops.txt': 'stop_id,stop_name\na,A\nb,B\n',
          'routes.txt': 'route_id,route_short_name,route_type\nr,R,3\n',
          'trips.txt': 'route_id,service_id,trip_id\nr,daily,t\n',
          'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt,10:00:00,10:00:00,a,1\nt,10:05:00,10:05:00,b,2\n',
          'frequencies.txt': 'trip_id,start_time,end_time,headway_secs,exact_times\nt,08:00:00,07:00:00,600,0\n',
          'calendar_dates.txt': 'service_id,date,exception_type\ndaily,20261201,1\n',
        }),
      ),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: 'invalid_gtfs',
      message: expect.stringMatching(/frequencies\.txt.*line 2.*end_time 07:00:00 is not after start_time 08:00:00/),
    });
    expect((await t.request('/api/feeds/bad', { auth: true })).status).toBe(404);
  });
});
