import type { ScheduleIndex, ScheduledCall, ScheduledTrip } from '../gtfs/schedule-types';
import type { StopTimeUpdate, TripUpdate } from './feed-message';
import { isoFromSeconds, serviceDateOf } from './feed-time';
import { assignedPlatform } from './match-stop-updates';

/** Badge colour of an added trip whose route the schedule does not know: a neutral grey. */
const UNKNOWN_ROUTE_COLOR = '#6b7280';

export interface AddedTrip {
  /** `null` when fewer than two stops had a time: no row can be made. */
  trip: ScheduledTrip | null;
  matchedStops: number;
  unmatchedStops: number;
  problems: string[];
}

/**
 * A timetable for a trip the schedule does not have (ADDED / NEW), from its updates' absolute
 * times, so that `rowsForTrip` makes its rows like any other trip's. Updates with only a delay
 * have nothing to be late against and are left out, as are SKIPPED and NO_DATA ones.
 */
export function addedTrip(tripId: string, update: TripUpdate, index: ScheduleIndex): AddedTrip {
  const result: AddedTrip = { trip: null, matchedStops: 0, unmatchedStops: 0, problems: [] };
  const calls: ScheduledCall[] = [];
  for (const stopUpdate of update.stopTimeUpdate) {
    const call = addedCall(stopUpdate, calls.length, index, result.problems);
    if (call === 'skip') result.matchedStops += 1;
    else if (call === null) result.unmatchedStops += 1;
    else {
      result.matchedStops += 1;
      calls.push(call);
    }
  }
  if (calls.length < 2) {
    result.problems.push(`added trip ${tripId} has fewer than two stops with a time`);
    return result;
  }
  result.trip = tripOf(tripId, update, calls, index);
  return result;
}

function addedCall(update: StopTimeUpdate, position: number, index: ScheduleIndex, problems: string[]): ScheduledCall | 'skip' | null {
  if (update.scheduleRelationship === 'SKIPPED' || update.scheduleRelationship === 'NO_DATA') return 'skip';
  const stop = update.stopId ? index.stop(update.stopId) : undefined;
  if (stop === undefined) {
    problems.push(
      update.stopId ? `stop_id ${update.stopId} is not in the imported schedule` : 'a stop time update of an added trip has no stop_id',
    );
    return null;
  }
  const arrival = update.arrival?.time ?? update.departure?.time;
  const departure = update.departure?.time ?? update.arrival?.time;
  if (arrival === undefined || departure === undefined) {
    problems.push(`stop_id ${stop.stopId} of an added trip has no arrival or departure time`);
    return null;
  }
  const assigned = assignedPlatform(update, stop.stationId, index);
  if (assigned.problem !== null) problems.push(assigned.problem);
  return {
    stopSequence: update.stopSequence ?? position,
    stopId: stop.stopId,
    stationId: stop.stationId,
    arrival: isoFromSeconds(arrival),
    departure: isoFromSeconds(departure),
    platform: assigned.platform === undefined ? stop.platform : assigned.platform,
  };
}

function tripOf(tripId: string, update: TripUpdate, calls: ScheduledCall[], index: ScheduleIndex): ScheduledTrip {
  const first = calls[0];
  const last = calls[calls.length - 1];
  const route = update.trip.routeId ? index.route(update.trip.routeId) : undefined;
  const name = (stationId: string) => index.station(stationId)?.name ?? stationId;
  return {
    tripId,
    // The date the trip starts on where its stations are, when the feed does not say.
    serviceDate: update.trip.startDate ?? serviceDateOf(Date.parse(first.departure ?? first.arrival ?? ''), index.timezone),
    routeId: update.trip.routeId ?? '',
    line: route?.line ?? index.agencyName,
    lineColor: route?.color ?? UNKNOWN_ROUTE_COLOR,
    destination: name(last.stationId),
    origin: name(first.stationId),
    // As in an imported timetable: no arrival at the first call, no departure at the last.
    calls: calls.map((call, i) => ({
      ...call,
      arrival: i === 0 ? null : call.arrival,
      departure: i === calls.length - 1 ? null : call.departure,
    })),
  };
}
