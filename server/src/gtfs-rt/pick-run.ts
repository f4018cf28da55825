import type { ScheduledTrip } from '../gtfs/schedule-types';
import type { TripDescriptor } from './feed-message';

/**
 * Which run of a scheduled trip a TripUpdate means: the one on its start_date, else (a feed may
 * omit it) the run whose timetable lies closest to `referenceMs`. A string says why none fits.
 */
export function pickRun(runs: ScheduledTrip[], trip: TripDescriptor, referenceMs: number): ScheduledTrip | string {
  if (runs.length === 0) return `trip_id ${trip.tripId} is not in the imported schedule`;
  if (trip.startDate) {
    return runs.find((run) => run.serviceDate === trip.startDate) ?? `trip ${trip.tripId} does not run on service date ${trip.startDate}`;
  }
  let best = runs[0];
  for (const run of runs) if (distance(run, referenceMs) < distance(best, referenceMs)) best = run;
  return best;
}

/** How far `ms` lies outside the run's first-to-last scheduled time; 0 while it is running. */
function distance(run: ScheduledTrip, ms: number): number {
  const times = run.calls
    .flatMap((call) => [call.arrival, call.departure])
    .filter((t): t is string => t !== null)
    .map(Date.parse);
  if (times.length === 0) return Infinity;
  const first = Math.min(...times);
  const last = Math.max(...times);
  return ms < first ? first - ms : ms > last ? ms - last : 0;
}
