import { GtfsArchive } from './gtfs-archive';
import { GtfsError } from './gtfs-error';
import { addDays, isServiceDate, serviceDateToday, serviceDayStart } from './gtfs-time';
import { readRouteTimezones } from './read-agencies';
import { expandFrequencies } from './read-frequencies';
import { readAgency, readFeedValidity, readFeedVersion, readRoutes, readStops, type Network } from './read-network';
import { CALL_FIELDS, NO_TIME, readStopTimes, readTrips, type TripCalls } from './read-trips';
import type { GtfsRoute, GtfsSchedule, ImportProgress, ScheduledCall, ScheduledTrip } from './schedule-types';
import { ServiceCalendar } from './service-calendar';

const REQUIRED_FILES = ['agency.txt', 'stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'];
/** A window is for the boards of the coming days; a year of runs would be millions of rows for nothing. */
const MAX_DAYS = 366;

export interface ReadScheduleOptions {
  /** Prefix of the feed's station ids (`stationIdFor`), so two feeds' stop ids cannot collide. */
  prefix: string;
  /** First service date of the window, `YYYYMMDD`; `null` for the service date it is at `today` in the agency's timezone. */
  from: string | null;
  /** How many service dates the window covers. */
  days: number;
  /** Largest size one file may inflate to (`GTFS_FILE_LIMIT_BYTES`); 1 GiB when not given. */
  fileLimitBytes?: number;
  /** The moment a `null` `from` is taken at; now when not given. */
  today?: Date;
  onProgress?: ImportProgress;
}

/**
 * Reads a GTFS static zip into the stations, routes and runs of trips of a window of service dates.
 * Pure: no I/O beyond the buffer, so the feeds module decides where the result goes.
 *
 * Left out in this version: interpolation of untimed stops.
 */
export async function readSchedule(zip: Buffer, options: ReadScheduleOptions): Promise<GtfsSchedule> {
  if (options.from !== null) windowDates(options.from, options.days);
  const archive = await GtfsArchive.open(zip, options.fileLimitBytes);
  try {
    requireFiles(archive);
    const agency = await readAgency(archive);
    const from = options.from ?? serviceDateToday(agency.timezone, options.today);
    const dates = windowDates(from, options.days);
    const version = await readFeedVersion(archive);
    const validity = await readFeedValidity(archive);
    const network = await readStops(archive, agency, options.prefix);
    options.onProgress?.('stops', network.stops.length, network.stops.length);
    const routes = await readRoutes(archive);
    const calendar = await ServiceCalendar.read(archive);
    const servicesByDate = dates.map((date) => calendar.servicesOn(date));
    const trips = await readTrips(archive, routes, new Set(servicesByDate.flatMap((ids) => [...ids])), options.onProgress);
    const skipped = { count: 0, examples: [] as string[] };
    await readStopTimes(archive, trips, network.stops, skipped, options.onProgress);
    await expandFrequencies(archive, trips);
    const routeZones = await readRouteTimezones(archive, agency.timezone);
    zoneStationsByAgency(network, trips, routeZones);
    const context = { network, routes, routeZones, dayStarts: new Map<string, number>() };
    const runs = dates.flatMap((date, index) => runsOn(date, servicesByDate[index], trips, context));
    return {
      agencyName: agency.name,
      timezone: agency.timezone,
      version,
      validity,
      window: { from, days: options.days },
      calendarRange: calendar.range(),
      skipped,
      grouped: network.grouped,
      stations: network.stations,
      stops: network.stops,
      routes: [...routes.values()],
      trips: runs,
      textsCleaned: archive.texts.cleaned,
    };
  } finally {
    archive.close();
  }
}

/** The window's service dates; checked before the zip is opened when `from` is given, so a bad request costs nothing. */
function windowDates(from: string, days: number): string[] {
  if (!isServiceDate(from)) throw new RangeError(`from "${from}" is not a date (YYYYMMDD)`);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new RangeError(`days ${days} is not a whole number from 1 to ${MAX_DAYS}`);
  return Array.from({ length: days }, (_, index) => addDays(from, index));
}

function requireFiles(archive: GtfsArchive): void {
  const missing = REQUIRED_FILES.filter((file) => !archive.has(file));
  if (!archive.has('calendar.txt') && !archive.has('calendar_dates.txt')) missing.push('calendar.txt or calendar_dates.txt');
  if (missing.length) throw new GtfsError(`the zip has no ${missing.join(', ')} (required)`);
}

interface RunContext {
  network: Network;
  routes: Map<string, GtfsRoute>;
  /** Each route's agency's timezone, which its trips' times count in. */
  routeZones: Map<string, string>;
  /** `serviceDayStart` by date and zone: Intl is slow, and a window has a few of each. */
  dayStarts: Map<string, number>;
}

/**
 * A station without a stop_timezone of its own shows the time of the agency whose trips call
 * there (the first in trips.txt), not the feed's first agency: a border station of a merged
 * regional feed keeps its own clock. A platform follows its parent's zone, as the spec says.
 */
function zoneStationsByAgency(network: Network, trips: Map<string, TripCalls>, routeZones: Map<string, string>): void {
  const zoned = new Set(network.zoneGiven);
  for (const trip of trips.values()) {
    const zone = routeZones.get(trip.routeId);
    if (!zone) continue;
    for (let at = 1; at < trip.calls.length; at += CALL_FIELDS) {
      const station = network.stationById.get(network.stops[trip.calls[at]].stationId)!;
      if (zoned.has(station.id)) continue;
      station.timezone = zone;
      zoned.add(station.id);
    }
  }
}

/** The runs of one service date, in order of their first call. */
function runsOn(date: string, services: Set<string>, trips: Map<string, TripCalls>, context: RunContext): ScheduledTrip[] {
  // GTFS times count from the service day in the trip's agency's timezone, even at a stop with its
  // own stop_timezone: that only changes how a board shows the time.
  const dayStart = (trip: TripCalls) => {
    const zone = context.routeZones.get(trip.routeId)!;
    const key = `${date}\n${zone}`;
    let start = context.dayStarts.get(key);
    if (start === undefined) context.dayStarts.set(key, (start = serviceDayStart(date, zone)));
    return start;
  };
  const runs: { first: number; run: ScheduledTrip }[] = [];
  for (const trip of trips.values()) {
    // A run needs two calls to make a departure and an arrival.
    if (!services.has(trip.serviceId) || trip.calls.length < 2 * CALL_FIELDS) continue;
    const first = trip.calls[3] === NO_TIME ? trip.calls[2] : trip.calls[3];
    runs.push({ first, run: run(date, dayStart(trip), trip, context) });
  }
  return runs.sort((a, b) => a.first - b.first).map(({ run }) => run);
}

function run(date: string, dayStart: number, trip: TripCalls, { network, routes }: RunContext): ScheduledTrip {
  const route = routes.get(trip.routeId)!;
  const count = trip.calls.length / CALL_FIELDS;
  const calls = Array.from({ length: count }, (_, index) => call(trip.calls, index, count, dayStart, network));
  const stationName = (index: number) => network.stationById.get(calls[index].stationId)!.name;
  return {
    tripId: trip.tripId,
    serviceDate: date,
    routeId: trip.routeId,
    line: route.line,
    lineColor: route.color,
    destination: trip.headsign || stationName(count - 1),
    origin: stationName(0),
    ...(trip.shortName ? { trainNumber: trip.shortName } : {}),
    ...(route.replacement ? { replacement: true as const } : {}),
    ...(trip.headwayMinutes ? { headwayMinutes: trip.headwayMinutes } : {}),
    calls,
  };
}

function call(calls: number[], index: number, count: number, dayStart: number, network: Network): ScheduledCall {
  const at = index * CALL_FIELDS;
  const stop = network.stops[calls[at + 1]];
  const instant = (seconds: number) => (seconds === NO_TIME ? null : new Date(dayStart + seconds * 1000).toISOString());
  return {
    stopSequence: calls[at],
    stopId: stop.stopId,
    stationId: stop.stationId,
    arrival: index === 0 ? null : instant(calls[at + 2]),
    departure: index === count - 1 ? null : instant(calls[at + 3]),
    platform: stop.platform,
  };
}
