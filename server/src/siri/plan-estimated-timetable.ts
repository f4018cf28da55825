import type { ScheduleIndex, ScheduledTrip } from '../gtfs/schedule-types';
import { rowsForTrip } from '../gtfs/trip-rows';
import { estimateCalls } from '../gtfs-rt/estimate-calls';
import type { StopTimeUpdate } from '../gtfs-rt/feed-message';
import type { MatchedUpdate } from '../gtfs-rt/match-stop-updates';
import { cancelledRows, estimatedRows, stationNamer } from '../gtfs-rt/realtime-rows';
import { emptyTripStats, MAX_PROBLEMS, type TripUpdatePlan } from '../gtfs-rt/trip-update-plan';
import { expectedOf, extraJourneyRows, scheduledCall } from './extra-journey';
import { matchJourney } from './match-journey';
import type { SiriCall, SiriJourney } from './siri-delivery';

/** One journey being planned, with what every step needs. */
interface JourneyContext {
  plan: TripUpdatePlan;
  index: ScheduleIndex;
  journey: SiriJourney;
  report(problem: string): void;
}

/**
 * What a SIRI EstimatedTimetable delivery changes on the boards, as the same plan a GTFS-Realtime
 * TripUpdates message makes (so one writer, one permission rule and one match report serve both):
 * expected times, cancelled journeys and calls, platform changes (`DeparturePlatformName` other than
 * the timetable's), extra journeys and extra calls as added rows. Pure.
 */
export function planEstimatedTimetable(
  journeys: SiriJourney[],
  index: ScheduleIndex,
  lineRuns: ScheduledTrip[] | null,
  referenceMs: number,
): TripUpdatePlan & { matchedByLine: number } {
  const plan = { rows: [], added: [], problems: [], stats: emptyTripStats(), matchedByLine: 0 } as TripUpdatePlan & {
    matchedByLine: number;
  };
  for (const journey of journeys) {
    const report = (problem: string) => {
      if (plan.problems.length < MAX_PROBLEMS) plan.problems.push({ entityId: journey.label, tripId: journey.journeyRef ?? null, problem });
    };
    plan.stats.trips += 1;
    plan.stats.stopUpdates += journey.calls.length;
    const context = { plan, index, journey, report };
    if (journey.extra) {
      planExtraJourney(context);
      continue;
    }
    const match = matchJourney(journey, index, lineRuns, referenceMs);
    if ('problem' in match) {
      plan.stats.unmatchedTrips += 1;
      report(match.problem);
      continue;
    }
    plan.stats.matchedTrips += 1;
    if (match.by === 'line') plan.matchedByLine += 1;
    if (journey.cancelled) {
      plan.stats.canceledTrips += 1;
      plan.rows.push(...cancelledRows(match.run, index));
      continue;
    }
    planRun(context, match.run);
  }
  return plan;
}

function planRun(context: JourneyContext, run: ScheduledTrip): void {
  const { plan, index, journey } = context;
  const matched: MatchedUpdate[] = [];
  const extra: Array<{ call: SiriCall; after: number }> = [];
  let last = -1;
  for (const call of journey.calls) {
    if (call.extra) {
      extra.push({ call, after: last });
      continue;
    }
    const at = findCall(run, call, index, last + 1);
    if (typeof at === 'string') {
      plan.stats.unmatchedStops += 1;
      context.report(at);
      continue;
    }
    plan.stats.matchedStops += 1;
    last = at;
    matched.push({
      callIndex: at,
      update: asStopTimeUpdate(call),
      platform: platformOf(call, run.calls[at].stopId, run.calls[at].platform, index),
    });
  }
  const { estimates, problems } = estimateCalls(run.calls, matched, undefined);
  problems.forEach(context.report);
  plan.rows.push(...estimatedRows(run, estimates, index));
  if (extra.length > 0) planExtraCalls(context, run, extra);
}

/** The run's call a SIRI call is about, searching after the previous match (a loop calls at a stop twice): same stop, else the same station. */
function findCall(run: ScheduledTrip, call: SiriCall, index: ScheduleIndex, from: number): number | string {
  const ref = call.stopPointRef;
  if (ref === undefined) return 'a call has no StopPointRef';
  const exact = run.calls.findIndex((c, i) => i >= from && c.stopId === ref);
  if (exact >= 0) return exact;
  const stationId = index.stop(ref)?.stationId;
  if (stationId === undefined) return `StopPointRef ${ref} is not in the imported schedule`;
  const sibling = run.calls.findIndex((c, i) => i >= from && c.stationId === stationId);
  return sibling >= 0 ? sibling : `StopPointRef ${ref} is not a call of trip ${run.tripId}`;
}

/** Expected (or actual) times as absolute estimates; a cancelled call is a skipped stop. */
function asStopTimeUpdate(call: SiriCall): StopTimeUpdate {
  const seconds = (iso: string | undefined) => (iso === undefined ? undefined : { time: Date.parse(iso) / 1000 });
  return {
    stopId: call.stopPointRef,
    arrival: seconds(call.expectedArrival),
    departure: seconds(call.expectedDeparture),
    ...(call.cancelled ? { scheduleRelationship: 'SKIPPED' as const } : {}),
  };
}

/**
 * The platform SIRI gives when it differs from the timetable's (`undefined`: unchanged): the named
 * departure (else arrival) platform, else the platform of another stop of the same station it names.
 */
function platformOf(call: SiriCall, plannedStopId: string, planned: string | null, index: ScheduleIndex): string | null | undefined {
  const named = call.departurePlatform ?? call.arrivalPlatform;
  if (named !== undefined) return named === planned ? undefined : named;
  if (call.stopPointRef === undefined || call.stopPointRef === plannedStopId) return undefined;
  const platform = index.stop(call.stopPointRef)?.platform;
  return platform === undefined || platform === null || platform === planned ? undefined : platform;
}

/** Rows at the extra calls of a scheduled run: the run with those calls put in, its rows there only. */
function planExtraCalls(context: JourneyContext, run: ScheduledTrip, extra: Array<{ call: SiriCall; after: number }>): void {
  const { plan, index } = context;
  const calls = run.calls.map((call) => ({ call, siri: undefined as SiriCall | undefined }));
  // Inserted from the last so each position still counts calls of the timetable.
  for (const [n, { call, after }] of [...extra.entries()].reverse()) {
    // Between the timetabled calls around it, and unique among the extra calls there.
    const sequence = (run.calls[after]?.stopSequence ?? 0) + (n + 1) / 1000;
    const problems: string[] = [];
    const scheduled = scheduledCall(call, sequence, index, problems);
    problems.forEach(context.report);
    if (scheduled === null) {
      plan.stats.unmatchedStops += 1;
      continue;
    }
    plan.stats.matchedStops += 1;
    calls.splice(after + 1, 0, { call: scheduled, siri: call });
  }
  const extended: ScheduledTrip = { ...run, calls: calls.map((c) => c.call) };
  const extraAt = new Map(calls.filter((c) => c.siri).map((c) => [c.call.stopSequence, c.siri]));
  for (const row of rowsForTrip(extended, stationNamer(index))) {
    const siri = extraAt.get(row.stopSequence);
    if (siri)
      plan.added.push({
        stationId: row.stationId,
        departureId: row.departureId,
        body: { ...row.body, expectedTime: expectedOf(siri, row.body.kind) },
      });
  }
}

function planExtraJourney(context: JourneyContext): void {
  const { plan, index, journey } = context;
  const tripId = journey.journeyRef;
  if (tripId === undefined) {
    plan.stats.unmatchedTrips += 1;
    return context.report('an ExtraJourney needs a DatedVehicleJourneyRef to be told apart from others');
  }
  const problems: string[] = [];
  const rows = extraJourneyRows(journey, tripId, index, problems);
  problems.forEach(context.report);
  if (rows === null) {
    plan.stats.unmatchedTrips += 1;
    return;
  }
  plan.stats.addedTrips += 1;
  plan.stats.matchedStops += journey.calls.length - problems.length;
  plan.stats.unmatchedStops += problems.length;
  plan.added.push(...rows);
}
