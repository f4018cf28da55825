import type { GtfsArchive } from './gtfs-archive';
import { GtfsError } from './gtfs-error';
import { parseGtfsTime } from './gtfs-time';
import type { GtfsRoute, GtfsStop, ImportProgress } from './schedule-types';

/** Numbers per call in `TripCalls.calls`: stop_sequence, stop index, arrival and departure in seconds of the service day. */
export const CALL_FIELDS = 4;
/** A call's arrival or departure that does not exist (no drop-off, no pickup). */
export const NO_TIME = -1;
/** How often a long file reports progress: often enough for a bar to move, rarely enough to cost nothing. */
const PROGRESS_EVERY = 5_000;
const STOP_TIMES_COLUMNS = ['trip_id', 'stop_id', 'stop_sequence'];

/**
 * A trip of trips.txt whose service runs in the window, and its calls from stop_times.txt packed as
 * numbers: a big feed has millions of stop_times, and one object per row would not fit in memory.
 */
export interface TripCalls {
  tripId: string;
  routeId: string;
  serviceId: string;
  headsign: string;
  /** `trip_short_name`: the number passengers know the trip by; empty when the feed gives none. */
  shortName: string;
  /** A run of a headway-based frequency (frequencies.txt, exact_times=0): about every this many minutes. */
  headwayMinutes?: number;
  calls: number[];
}

/** trips.txt, keeping the trips whose service_id is in `services` (those that run on some day of the window). */
export async function readTrips(
  archive: GtfsArchive,
  routes: Map<string, GtfsRoute>,
  services: Set<string>,
  onProgress?: ImportProgress,
): Promise<Map<string, TripCalls>> {
  const trips = new Map<string, TripCalls>();
  let count = 0;
  for await (const { row, line } of archive.rows('trips.txt', ['route_id', 'service_id', 'trip_id'])) {
    if (!routes.has(row.route_id)) throw new GtfsError(`route_id "${row.route_id}" is not in routes.txt`, 'trips.txt', line);
    if (services.has(row.service_id)) {
      trips.set(row.trip_id, {
        tripId: row.trip_id,
        routeId: row.route_id,
        serviceId: row.service_id,
        headsign: archive.texts.clean(row.trip_headsign),
        shortName: archive.texts.clean(row.trip_short_name),
        calls: [],
      });
    }
    if (++count % PROGRESS_EVERY === 0) onProgress?.('trips', count, null);
  }
  onProgress?.('trips', count, count);
  return trips;
}

/**
 * Streams stop_times.txt into the calls of `trips`, sorted by stop_sequence. Every row is checked,
 * also those of trips outside the window, so a feed is accepted or refused whatever the window.
 * Rows of trip ids not in trips.txt are skipped: they cannot reach a board. So are rows naming a
 * stop stops.txt lacks (a feed's typo must not cost every other trip its place): each is counted
 * in `skipped`, with the first few named.
 */
export async function readStopTimes(
  archive: GtfsArchive,
  trips: Map<string, TripCalls>,
  stops: GtfsStop[],
  skipped: SkippedRows,
  onProgress?: ImportProgress,
): Promise<void> {
  const stopIndex = new Map(stops.map((stop, index) => [stop.stopId, index]));
  let count = 0;
  for await (const { row, line } of archive.rows('stop_times.txt', STOP_TIMES_COLUMNS)) {
    const stop = stopIndex.get(row.stop_id);
    if (stop === undefined) {
      skip(skipped, `stop_times.txt line ${line}: stop_id "${row.stop_id.slice(0, 64)}" is not a stop in stops.txt; the row was left out`);
      continue;
    }
    if (!/^\d{1,9}$/.test(row.stop_sequence)) {
      throw new GtfsError(`stop_sequence "${row.stop_sequence}" is not a whole number`, 'stop_times.txt', line);
    }
    let arrival = seconds(row.arrival_time, 'arrival_time', line);
    let departure = seconds(row.departure_time, 'departure_time', line);
    // Non-timepoints may leave both times empty; GTFS lets consumers interpolate them, but a board
    // row without a time helps no one, so such a call is left out rather than guessed.
    const trip = trips.get(row.trip_id);
    if (trip && (arrival !== NO_TIME || departure !== NO_TIME)) {
      if (arrival === NO_TIME) arrival = departure;
      if (departure === NO_TIME) departure = arrival;
      if (row.pickup_type === '1') departure = NO_TIME;
      if (row.drop_off_type === '1') arrival = NO_TIME;
      if (arrival !== NO_TIME || departure !== NO_TIME) trip.calls.push(Number(row.stop_sequence), stop, arrival, departure);
    }
    if (++count % PROGRESS_EVERY === 0) onProgress?.('stop_times', count, null);
  }
  onProgress?.('stop_times', count, count);
  for (const trip of trips.values()) trip.calls = sortedCalls(trip);
}

function seconds(text: string | undefined, column: string, line: number): number {
  if (!text) return NO_TIME;
  const value = parseGtfsTime(text);
  if (value === null) throw new GtfsError(`${column} "${text}" is not a time (HH:MM:SS)`, 'stop_times.txt', line);
  return value;
}

/** stop_times.txt need not be ordered; a repeated stop_sequence would make the order of calls a guess, so it is refused. */
function sortedCalls(trip: TripCalls): number[] {
  const { calls } = trip;
  const order = Array.from({ length: calls.length / CALL_FIELDS }, (_, index) => index * CALL_FIELDS);
  order.sort((a, b) => calls[a] - calls[b]);
  const sorted: number[] = [];
  order.forEach((start, index) => {
    if (index > 0 && calls[start] === sorted[sorted.length - CALL_FIELDS]) {
      throw new GtfsError(`trip_id "${trip.tripId}" has stop_sequence ${calls[start]} twice`, 'stop_times.txt');
    }
    sorted.push(calls[start], calls[start + 1], calls[start + 2], calls[start + 3]);
  });
  return sorted;
}

/** Rows an import left out, and why (the first `MAX_SKIPPED_EXAMPLES`). */
export interface SkippedRows {
  count: number;
  examples: string[];
}

const MAX_SKIPPED_EXAMPLES = 20;

function skip(skipped: SkippedRows, why: string): void {
  skipped.count += 1;
  if (skipped.examples.length < MAX_SKIPPED_EXAMPLES) skipped.examples.push(why);
}
