import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipOf } from '../support/zip-of';
import { GtfsArchive } from '../../server/src/gtfs/gtfs-archive';
import { GtfsError } from '../../server/src/gtfs/gtfs-error';
import { readSchedule } from '../../server/src/gtfs/read-schedule';
import type { GtfsSchedule, ScheduledTrip } from '../../server/src/gtfs/schedule-types';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/gtfs', name));
const caltrainZip = fixture('caltrain-gtfs.zip');
const bartZip = fixture('bart-gtfs.zip');

const caltrain = (from: string, days = 1) => readSchedule(caltrainZip, { prefix: 'caltrain', from, days });
const runOf = (schedule: GtfsSchedule, tripId: string, serviceDate: string) =>
  schedule.trips.find((trip) => trip.tripId === tripId && trip.serviceDate === serviceDate);

/** trip_id → service_id from the fixture's own trips.txt, to check which services a date runs. */
async function caltrainServices(): Promise<Map<string, string>> {
  const archive = await GtfsArchive.open(caltrainZip);
  const services = new Map<string, string>();
  for await (const { row } of archive.rows('trips.txt')) services.set(row.trip_id, row.service_id);
  archive.close();
  return services;
}

const servicesOf = (trips: ScheduledTrip[], services: Map<string, string>) => new Set(trips.map((trip) => services.get(trip.tripId)));

describe(`${readSchedule.name} (Caltrain)`, () => {
  let schedule: GtfsSchedule;
  let services: Map<string, string>;
  beforeAll(async () => {
    schedule = await caltrain('20231107');
    services = await caltrainServices();
  });

  it('reads the agency, its timezone, the feed version and the window', () => {
    expect(schedule).toMatchObject({
      agencyName: 'Caltrain',
      timezone: 'America/Los_Angeles',
      version: '20230922',
      window: { from: '20231107', days: 1 },
    });
  });

  it('makes a station of a parent station, with its platforms', () => {
    const station = schedule.stations.find((s) => s.id === 'caltrain-22nd-street');
    expect(station).toEqual({
      id: 'caltrain-22nd-street',
      name: '22nd Street',
      timezone: 'America/Los_Angeles',
      stopIds: ['22nd_street', '70021', '70022'],
      language: 'en',
    });
    expect(schedule.stops.find((stop) => stop.stopId === '70021')).toEqual({
      stopId: '70021',
      stationId: 'caltrain-22nd-street',
      platform: null,
    });
  });

  it('makes a station of a stop without a parent', () => {
    expect(schedule.stations.find((s) => s.id === 'caltrain-bm')).toMatchObject({ name: 'Temporary Stop - Belmont', stopIds: ['BM'] });
  });

  it('takes lines and colours from routes.txt', () => {
    const route = (id: string) => schedule.routes.find((r) => r.routeId === id);
    expect(route('L1')).toEqual({ routeId: 'L1', line: 'L1', color: '#c5c5c5' });
    expect(route('L5')).toEqual({ routeId: 'L5', line: 'L5', color: '#fcedc7' });
    expect(route('B7')).toEqual({ routeId: 'B7', line: 'B7', color: '#e31837' });
  });

  it('runs trip 124 on a Tuesday with its calls in order, timed in UTC', () => {
    const trip = runOf(schedule, '124', '20231107')!;
    expect(trip).toMatchObject({
      routeId: 'L1',
      line: 'L1',
      lineColor: '#c5c5c5',
      destination: 'Tamien',
      origin: 'San Francisco Caltrain Station',
    });
    expect(trip.calls.map((call) => call.stopSequence)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(trip.calls[0]).toEqual({
      stopSequence: 1,
      stopId: '70012',
      stationId: 'caltrain-san-francisco',
      arrival: null,
      departure: '2023-11-07T23:37:00.000Z',
      platform: null,
    });
    // stop_times.txt: 124,17:03:00,17:03:00,70232,20 — 17:03 PST is 01:03 UTC the next day.
    expect(trip.calls[19]).toEqual({
      stopSequence: 20,
      stopId: '70232',
      stationId: 'caltrain-lawrence',
      arrival: '2023-11-08T01:03:00.000Z',
      departure: '2023-11-08T01:03:00.000Z',
      platform: null,
    });
    expect(trip.calls[22]).toMatchObject({ stopId: '70272', arrival: '2023-11-08T01:21:00.000Z', departure: null });
  });

  it('runs only weekday services on a weekday', () => {
    expect(servicesOf(schedule.trips, services)).toEqual(new Set(['72982']));
    expect(schedule.trips).toHaveLength(104);
  });

  it('runs only weekend services on a Saturday', async () => {
    const saturday = await caltrain('20231111');
    expect(servicesOf(saturday.trips, services)).toEqual(new Set(['72981']));
    expect(runOf(saturday, '124', '20231111')).toBeUndefined();
  });

  it('honours calendar_dates.txt: Thanksgiving runs the weekend service, the day after a special one', async () => {
    const holidays = await caltrain('20231123', 2);
    expect(
      servicesOf(
        holidays.trips.filter((t) => t.serviceDate === '20231123'),
        services,
      ),
    ).toEqual(new Set(['72981']));
    expect(
      servicesOf(
        holidays.trips.filter((t) => t.serviceDate === '20231124'),
        services,
      ),
    ).toEqual(new Set(['79159']));
  });

  it('runs each trip once per service date of the window, in date order', async () => {
    const week = await caltrain('20231106', 7);
    expect(week.trips.filter((t) => t.tripId === '124').map((t) => t.serviceDate)).toEqual([
      '20231106',
      '20231107',
      '20231108',
      '20231109',
      '20231110',
    ]);
    const dates = week.trips.map((t) => t.serviceDate);
    expect([...dates].sort()).toEqual(dates);
  });

  it('starts the window on today in the agency timezone when no date is given', async () => {
    const today = await readSchedule(caltrainZip, { prefix: 'caltrain', from: null, days: 1, today: new Date('2023-11-08T01:05:34Z') });
    expect(today.window).toEqual({ from: '20231107', days: 1 });
  });
});

describe(`${readSchedule.name} (BART)`, () => {
  it('puts times past 24:00:00 on the next calendar day of the same run', async () => {
    const phases: string[] = [];
    const sunday = await readSchedule(bartZip, {
      prefix: 'bart',
      from: '20190811',
      days: 1,
      onProgress: (phase, done, total) => phases.push(`${phase} ${done} ${total}`),
    });
    const trip = runOf(sunday, '3712239SUN', '20190811')!;
    // stop_times.txt: 3712239SUN,24:00:00,24:00:00,SBRN,26 — midnight PDT is 07:00 UTC on the 12th.
    expect(trip.calls.find((call) => call.stopSequence === 26)).toMatchObject({
      stationId: 'bart-sbrn',
      arrival: '2019-08-12T07:00:00.000Z',
    });
    expect(trip.calls.at(-1)).toMatchObject({ stationId: 'bart-sfia', arrival: '2019-08-12T07:04:00.000Z', departure: null });
    expect(phases).toContain('stop_times 5000 null');
    expect(phases).toContain('stop_times 32185 32185');
  });
});

/** A small valid feed; a test replaces one file's text, or drops it with `null`. */
function feedFiles(changes: Record<string, string | null> = {}): Record<string, string> {
  const files: Record<string, string | null> = {
    'agency.txt': 'agency_id,agency_name,agency_url,agency_timezone\nA,Lakeside Rail,https://example.com,Europe/Zurich\n',
    'stops.txt': [
      'stop_id,stop_name,location_type,parent_station,platform_code,stop_timezone',
      'central,Central,1,,,',
      'central-1,Central platform 1,0,central,1,',
      'central-2,Central platform 2,0,central,2,',
      'central-e,Central entrance,2,central,,',
      'harbour,Harbour,0,,,',
      'hill,Hill,0,,,Europe/Vienna',
      'lake,Lake,0,,,',
    ].join('\n'),
    'routes.txt':
      'route_id,route_short_name,route_long_name,route_type,route_color\nS1,S1,,2,1F2A44\nX,,Lakeside Express to the Mountains and Beyond,2,blue\n',
    'trips.txt': 'route_id,service_id,trip_id,trip_headsign\nS1,daily,t1,\nX,weekend,t2,Hill\n',
    'stop_times.txt': [
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type',
      't1,08:00:00,08:00:00,central-1,1,,',
      't1,,,harbour,2,,',
      't1,08:20:00,,hill,4,1,',
      't1,08:10:00,08:11:00,lake,3,,1',
      't1,,08:30:00,central-2,5,,',
      't2,09:00:00,09:00:00,central-2,1,,',
      't2,09:30:00,09:30:00,hill,2,,',
    ].join('\n'),
    'calendar.txt':
      'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\ndaily,1,1,1,1,1,1,1,20230101,20231231\nweekend,0,0,0,0,0,1,1,20230101,20231231\n',
    ...changes,
  };
  return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Rewrites the uncompressed size the central directory declares for `name`, as a zip bomb or a damaged zip would. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  for (let header = patched.indexOf('PK\x01\x02', 0, 'latin1'); header >= 0; header = patched.indexOf('PK\x01\x02', header + 4, 'latin1')) {
    const nameLength = patched.readUInt16LE(header + 28);
    if (patched.toString('latin1', header + 46, header + 46 + nameLength) === name) {
      patched.writeUInt32LE(size, header + 24);
      return patched;
    }
  }
  throw new Error(`${name} not in the zip`);
}

const read = async (zip: Buffer, from = '20231107') => readSchedule(zip, { prefix: 'lr', from, days: 1 });
const rejection = async (zip: Buffer) => {
  const error = await read(zip).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GtfsError);
  return (error as GtfsError).message;
};

describe(`${readSchedule.name} (built feeds)`, () => {
  it('groups platforms under their station, ignores entrances, and keeps a stop’s own timezone', async () => {
    const schedule = await read(await zipOf(feedFiles()));
    expect(schedule.stations).toEqual([
      { id: 'lr-central', name: 'Central', timezone: 'Europe/Zurich', stopIds: ['central', 'central-1', 'central-2'] },
      { id: 'lr-harbour', name: 'Harbour', timezone: 'Europe/Zurich', stopIds: ['harbour'] },
      { id: 'lr-hill', name: 'Hill', timezone: 'Europe/Vienna', stopIds: ['hill'] },
      { id: 'lr-lake', name: 'Lake', timezone: 'Europe/Zurich', stopIds: ['lake'] },
    ]);
    expect(schedule.stops.find((stop) => stop.stopId === 'central-2')).toEqual({
      stopId: 'central-2',
      stationId: 'lr-central',
      platform: '2',
    });
    expect(schedule.stops.find((stop) => stop.stopId === 'central-e')).toBeUndefined();
  });

  it('falls back to the long name (cut to 32 characters) and a neutral colour', async () => {
    const schedule = await read(await zipOf(feedFiles()));
    expect(schedule.routes).toEqual([
      { routeId: 'S1', line: 'S1', color: '#1f2a44' },
      { routeId: 'X', line: 'Lakeside Express to the Mountain', color: '#6b7280' },
    ]);
  });

  it('takes the train number from trip_short_name, and marks the runs of a rail replacement bus route (route_type 714)', async () => {
    const schedule = await read(
      await zipOf(
        feedFiles({
          'routes.txt': 'route_id,route_short_name,route_long_name,route_type,route_color\nS1,S1,,2,1F2A44\nX,EV,,714,\n',
          'trips.txt': 'route_id,service_id,trip_id,trip_headsign,trip_short_name\nS1,daily,t1,,18123\nX,weekend,t2,Hill,\n',
        }),
      ),
      '20231111',
    );
    expect(schedule.routes.find((r) => r.routeId === 'X')).toMatchObject({ line: 'EV', replacement: true });
    const t1 = schedule.trips.find((t) => t.tripId === 't1')!;
    const t2 = schedule.trips.find((t) => t.tripId === 't2')!;
    expect([t1.trainNumber, t1.replacement]).toEqual(['18123', undefined]);
    expect([t2.trainNumber, t2.replacement]).toEqual([undefined, true]);
  });

  it('orders calls by stop_sequence, skips untimed calls and honours no pickup / no drop-off', async () => {
    const schedule = await read(await zipOf(feedFiles()));
    expect(schedule.trips.map((trip) => trip.tripId)).toEqual(['t1']);
    const [trip] = schedule.trips;
    expect(trip).toMatchObject({ destination: 'Central', origin: 'Central', line: 'S1', lineColor: '#1f2a44' });
    // 08:00 in Zürich on 2023-11-07 is 07:00 UTC. Harbour has no times; Lake lets no one off; Hill takes no one on.
    expect(trip.calls.map(({ stopId, arrival, departure }) => [stopId, arrival, departure])).toEqual([
      ['central-1', null, '2023-11-07T07:00:00.000Z'],
      ['lake', null, '2023-11-07T07:11:00.000Z'],
      ['hill', '2023-11-07T07:20:00.000Z', null],
      ['central-2', '2023-11-07T07:30:00.000Z', null],
    ]);
  });

  it('uses the headsign as destination and reads a feed with calendar_dates.txt only', async () => {
    const files = feedFiles({ 'calendar.txt': null, 'calendar_dates.txt': 'service_id,date,exception_type\nweekend,20231107,1\n' });
    const schedule = await read(await zipOf(files));
    expect(schedule.trips.map((trip) => [trip.tripId, trip.destination, trip.origin])).toEqual([['t2', 'Hill', 'Central']]);
  });

  it('reads a feed zipped inside one folder', async () => {
    const inFolder = Object.entries(feedFiles()).map(([name, text]) => [`lakeside-gtfs/${name}`, text]);
    const schedule = await read(await zipOf({ 'README.txt': 'Lakeside Rail timetable', ...Object.fromEntries(inFolder) }));
    expect(schedule.trips).toHaveLength(1);
  });

  it('refuses a zip without required files, naming them all', async () => {
    expect(await rejection(await zipOf(feedFiles({ 'stop_times.txt': null })))).toBe('the zip has no stop_times.txt (required)');
    expect(await rejection(await zipOf(feedFiles({ 'agency.txt': null, 'calendar.txt': null })))).toBe(
      'the zip has no agency.txt, calendar.txt or calendar_dates.txt (required)',
    );
  });

  it('refuses a file without a required column', async () => {
    const files = feedFiles({ 'stop_times.txt': 'arrival_time,departure_time,stop_id,stop_sequence\n08:00:00,08:00:00,central-1,1\n' });
    const error = await read(await zipOf(files)).catch((e: GtfsError) => e);
    expect(error).toMatchObject({ message: 'stop_times.txt line 1: missing required column trip_id', file: 'stop_times.txt', line: 1 });
  });

  it('refuses a row with the wrong number of fields, and an unclosed quote', async () => {
    const extra =
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,central-1,1\nt1,08:10:00,08:10:00,lake,2,oops\n';
    expect(await rejection(await zipOf(feedFiles({ 'stop_times.txt': extra })))).toBe(
      'stop_times.txt line 3: 6 fields where the header has 5',
    );
    const quote =
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,central-1,1\nt1,"08:10:00,08:10:00,lake,2\nt1,08:20:00,08:20:00,hill,3\n';
    expect(await rejection(await zipOf(feedFiles({ 'stop_times.txt': quote })))).toBe(
      'stop_times.txt line 3: a quoted field opened in this row is never closed',
    );
  });

  it('refuses a time that is not a time', async () => {
    const badTime =
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,central-1,1\nt1,25:70:00,25:7x:00,lake,2\n';
    expect(await rejection(await zipOf(feedFiles({ 'stop_times.txt': badTime })))).toBe(
      'stop_times.txt line 3: arrival_time "25:70:00" is not a time (HH:MM:SS)',
    );
  });

  it('leaves out a stop_times row naming a stop that does not exist, and reports it, instead of failing the import', async () => {
    const unknownStop = [
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence',
      't1,08:00:00,08:00:00,central-1,1',
      't1,08:10:00,08:10:00,nowhere,2',
      't1,08:20:00,08:20:00,hill,3',
    ].join('\n');
    const schedule = await read(await zipOf(feedFiles({ 'stop_times.txt': unknownStop })));
    expect(schedule.skipped).toEqual({
      count: 1,
      examples: ['stop_times.txt line 3: stop_id "nowhere" is not a stop in stops.txt; the row was left out'],
    });
    expect(schedule.trips.find((trip) => trip.tripId === 't1')!.calls.map((c) => c.stopId)).toEqual(['central-1', 'hill']);
  });

  it('reads files as agencies write them: a UTF-8 BOM, CRLF, quoted fields with commas and line breaks, extra columns', async () => {
    const stops = [
      '\ufeffstop_id,stop_name,location_type,parent_station,platform_code,stop_timezone,wheelchair_boarding,zone_id',
      'central,"Central, Main Hall",1,,,,1,Z1',
      'central-1,"Central platform 1",0,central,1,,1,Z1',
      'central-2,Central platform 2,0,central,2,,,',
      'harbour,"Harbour\r\n(Pier 4)",0,,,,,',
      'hill,Hill,0,,,Europe/Vienna,,',
      'lake,Lake,0,,,,,',
    ].join('\r\n');
    const schedule = await read(await zipOf(feedFiles({ 'stops.txt': stops, 'feed_info.txt': '' })));
    // A line break inside a name is kept as a space: a board shows a name on one line.
    expect(schedule.stations.map((s) => s.name)).toEqual(['Central, Main Hall', 'Harbour (Pier 4)', 'Hill', 'Lake']);
    expect(schedule.trips.length).toBeGreaterThan(0);
    expect(schedule.skipped.count).toBe(0);
  });

  it('refuses an agency timezone that is not an IANA zone', async () => {
    const agency = 'agency_name,agency_url,agency_timezone\nLakeside Rail,https://example.com,Europe/Lakeside\n';
    expect(await rejection(await zipOf(feedFiles({ 'agency.txt': agency })))).toBe(
      'agency.txt line 2: agency_timezone "Europe/Lakeside" is not an IANA timezone',
    );
  });

  it('refuses bytes that are not a zip, and a truncated zip', async () => {
    expect(await rejection(Buffer.from('<!DOCTYPE html><html>Service unavailable</html>'))).toMatch(/^not a zip archive \(/);
    expect(await rejection(caltrainZip.subarray(0, 100_000))).toMatch(/^the zip is truncated or damaged \(/);
  });

  it('refuses a file declared larger than 1 GiB, and a file that inflates past its declared size', async () => {
    const zip = await zipOf(feedFiles());
    expect(await rejection(declareSize(zip, 'stop_times.txt', 0xfffffff0))).toBe(
      'stop_times.txt: inflates to 4294967280 bytes, over the limit of 1073741824 bytes per file (GTFS_FILE_LIMIT_BYTES)',
    );
    expect(await rejection(declareSize(zip, 'stop_times.txt', 20))).toMatch(
      /^stop_times\.txt: cannot be read from the zip \(too many bytes/,
    );
  });

  it('refuses a zip with more entries than a feed could have', async () => {
    // Patch the count the end-of-central-directory record declares: it is read before any entry.
    const zip = Buffer.from(await zipOf(feedFiles()));
    const end = zip.lastIndexOf('PK\x05\x06', undefined, 'latin1');
    zip.writeUInt16LE(60_000, end + 8);
    zip.writeUInt16LE(60_000, end + 10);
    expect(await rejection(zip)).toBe('the zip has 60000 entries, more than the 10000 a GTFS feed could need');
  });
});
