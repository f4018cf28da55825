import { serviceDateOf } from '../gtfs-rt/feed-time';
import type { ScheduleIndex, ScheduledCall, ScheduledTrip } from '../gtfs/schedule-types';
import { rowsForTrip } from '../gtfs/trip-rows';
import { stationNamer } from '../gtfs-rt/realtime-rows';
import type { AddedRow } from '../gtfs-rt/trip-update-plan';
import type { SiriCall, SiriJourney } from './siri-delivery';

/** Badge colour of an extra journey whose line the schedule does not know: a neutral grey, as for GTFS-Realtime's added trips. */
const UNKNOWN_ROUTE_COLOR = '#6b7280';

/** A call's timetable from SIRI: aimed times, else expected ones (an extra call may have only those). */
export function callTimes(call: SiriCall): { arrival: string | null; departure: string | null } {
  const arrival = call.aimedArrival ?? call.expectedArrival ?? call.aimedDeparture ?? call.expectedDeparture ?? null;
  const departure = call.aimedDeparture ?? call.expectedDeparture ?? arrival;
  return { arrival, departure };
}

/** A scheduled call for a SIRI call at a known stop; `null` (with a problem) when the stop or its times are unknown. */
export function scheduledCall(call: SiriCall, stopSequence: number, index: ScheduleIndex, problems: string[]): ScheduledCall | null {
  const stop = call.stopPointRef === undefined ? undefined : index.stop(call.stopPointRef);
  if (stop === undefined) {
    problems.push(call.stopPointRef ? `StopPointRef ${call.stopPointRef} is not in the imported schedule` : 'a call has no StopPointRef');
    return null;
  }
  const { arrival, departure } = callTimes(call);
  if (arrival === null || departure === null) {
    problems.push(`the extra call at ${stop.stopId} has no time`);
    return null;
  }
  const platform = call.departurePlatform ?? call.arrivalPlatform ?? stop.platform;
  return { stopSequence, stopId: stop.stopId, stationId: stop.stationId, arrival, departure, platform };
}

/** The board rows of an extra journey, with their expected times; none (and a problem) when fewer than two calls are usable. */
export function extraJourneyRows(journey: SiriJourney, tripId: string, index: ScheduleIndex, problems: string[]): AddedRow[] | null {
  const usable = journey.calls.filter((c) => !c.cancelled);
  const calls: Array<{ call: ScheduledCall; siri: SiriCall }> = [];
  for (const siri of usable) {
    const call = scheduledCall(siri, calls.length + 1, index, problems);
    if (call) calls.push({ call, siri });
  }
  if (calls.length < 2) {
    problems.push(`extra journey ${tripId} has fewer than two known stops with a time`);
    return null;
  }
  const route = index.route(journey.lineRef ?? '') ?? undefined;
  const name = stationNamer(index);
  const first = calls[0].call;
  const last = calls[calls.length - 1].call;
  const trip: ScheduledTrip = {
    tripId,
    serviceDate: journey.dataFrameRef?.replace(/-/g, '') ?? serviceDateOf(Date.parse(first.departure!), index.timezone),
    routeId: route?.routeId ?? journey.lineRef ?? '',
    line: route?.line ?? journey.publishedLineName ?? journey.lineRef ?? index.agencyName,
    lineColor: route?.color ?? UNKNOWN_ROUTE_COLOR,
    destination: name(last.stationId),
    origin: name(first.stationId),
    calls: calls.map(({ call }, i) => ({
      ...call,
      arrival: i === 0 ? null : call.arrival,
      departure: i === calls.length - 1 ? null : call.departure,
    })),
  };
  const expected = new Map(calls.map(({ call, siri }) => [call.stopSequence, siri]));
  return rowsForTrip(trip, name).map((row) => ({
    stationId: row.stationId,
    departureId: row.departureId,
    body: { ...row.body, expectedTime: expectedOf(expected.get(row.stopSequence), row.body.kind) },
  }));
}

/** The expected time of a row of an extra journey or call; `null` when SIRI gives only the aimed one. */
export function expectedOf(call: SiriCall | undefined, kind: 'departure' | 'arrival' | undefined): string | null {
  if (call === undefined) return null;
  return (kind === 'arrival' ? call.expectedArrival : call.expectedDeparture) ?? null;
}
