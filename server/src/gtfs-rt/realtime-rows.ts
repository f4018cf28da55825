import type { ScheduleIndex, ScheduledTrip } from '../gtfs/schedule-types';
import { rowsForTrip } from '../gtfs/trip-rows';
import type { CallEstimate } from './estimate-calls';
import type { RowRealtime } from './trip-update-plan';

/** Why a row of a cancelled trip, or at a skipped stop, is struck through. */
export const TRIP_CANCELLED = 'Cancelled';
export const STOP_SKIPPED = 'Does not stop here';
export const ENDS_HERE = 'Terminates here';
export const STARTS_HERE = 'Starts here';

/** A station's display name for the rows' via lists; the id when the schedule lacks it. */
export function stationNamer(index: ScheduleIndex): (stationId: string) => string {
  return (stationId) => index.station(stationId)?.name ?? stationId;
}

/** The real-time state of every row the run has on the boards (the same rows the import made). */
export function estimatedRows(run: ScheduledTrip, estimates: CallEstimate[], index: ScheduleIndex): RowRealtime[] {
  const callIndex = new Map(run.calls.map((call, i) => [call.stopSequence, i]));
  const name = stationNamer(index);
  return rowsForTrip(run, name).map((row) => {
    const at = callIndex.get(row.stopSequence) ?? -1;
    const estimate = estimates[at];
    const base = { stationId: row.stationId, departureId: row.departureId, skippedStops: [], shortenedAt: null };
    if (estimate === undefined) return { ...base, expectedTime: null, platform: undefined, cancelled: false, cancelReason: null };
    if (estimate.skipped) return { ...base, expectedTime: null, platform: undefined, cancelled: true, cancelReason: STOP_SKIPPED };
    const arrival = row.body.kind === 'arrival';
    const route = arrival ? routeBefore(run, estimates, at, name) : routeAfter(run, estimates, at, name);
    // A departure whose every later call is skipped goes nowhere from here; an arrival whose every earlier one is, comes from nowhere.
    if (route === null)
      return { ...base, expectedTime: null, platform: undefined, cancelled: true, cancelReason: arrival ? STARTS_HERE : ENDS_HERE };
    const expectedTime = arrival ? estimate.arrival : estimate.departure;
    return { ...base, ...route, expectedTime, platform: estimate.platform, cancelled: false, cancelReason: null };
  });
}

/** What a run still serves after call `at`: the stops it skips on the way, and where it ends if that is early; `null`: nowhere. */
function routeAfter(run: ScheduledTrip, estimates: CallEstimate[], at: number, name: (id: string) => string): Route | null {
  const later = run.calls.map((call, i) => ({ call, i })).slice(at + 1);
  const served = later.filter(({ i }) => !estimates[i]?.skipped);
  if (served.length === 0) return null;
  const last = served[served.length - 1];
  return {
    skippedStops: names(
      later.filter(({ i }) => estimates[i]?.skipped && i < last.i).map(({ call }) => call.stationId),
      name,
    ),
    shortenedAt: last.i < run.calls.length - 1 ? name(last.call.stationId) : null,
  };
}

/** The same before call `at`, for an arrival: where the run now starts if that is late, and the stops it skips since. */
function routeBefore(run: ScheduledTrip, estimates: CallEstimate[], at: number, name: (id: string) => string): Route | null {
  const earlier = run.calls.map((call, i) => ({ call, i })).slice(0, at);
  const served = earlier.filter(({ i }) => !estimates[i]?.skipped);
  if (served.length === 0) return null;
  const first = served[0];
  return {
    skippedStops: names(
      earlier.filter(({ i }) => estimates[i]?.skipped && i > first.i).map(({ call }) => call.stationId),
      name,
    ),
    shortenedAt: first.i > 0 ? name(first.call.stationId) : null,
  };
}

interface Route {
  skippedStops: string[];
  shortenedAt: string | null;
}

/** Station names in call order, each once (a loop passes a station twice). */
function names(stationIds: string[], name: (id: string) => string): string[] {
  return [...new Set(stationIds.map(name))];
}

/** Every row of a cancelled run, struck through. */
export function cancelledRows(run: ScheduledTrip, index: ScheduleIndex): RowRealtime[] {
  return rowsForTrip(run, stationNamer(index)).map((row) => ({
    stationId: row.stationId,
    departureId: row.departureId,
    expectedTime: null,
    platform: undefined,
    cancelled: true,
    cancelReason: TRIP_CANCELLED,
    skippedStops: [],
    shortenedAt: null,
  }));
}
