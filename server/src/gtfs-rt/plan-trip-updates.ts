import type { ScheduleIndex } from '../gtfs/schedule-types';
import { rowsForTrip } from '../gtfs/trip-rows';
import { addedTrip } from './added-trip';
import { estimateCalls } from './estimate-calls';
import type { FeedMessage, TripUpdate } from './feed-message';
import { matchStopUpdates } from './match-stop-updates';
import { pickRun } from './pick-run';
import { cancelledRows, estimatedRows, stationNamer } from './realtime-rows';
import { emptyTripStats, MAX_PROBLEMS, type TripUpdatePlan } from './trip-update-plan';

export type { AddedRow, RowRealtime, TripMatchStats, TripUpdatePlan } from './trip-update-plan';

/** One trip update being planned, with what every step needs. */
interface TripContext {
  plan: TripUpdatePlan;
  index: ScheduleIndex;
  tripId: string;
  update: TripUpdate;
  /** When the feed's data is from: picks a run when the update names no start_date. */
  referenceMs: number;
  report(problem: string): void;
}

/**
 * What a GTFS-Realtime TripUpdates message changes on the boards, against the imported schedule:
 * the real-time state of every row of every matched run, whole rows for added trips, and counts and
 * reasons for whatever did not match. Pure; `now` stands in for a missing header timestamp.
 */
export function planTripUpdates(feed: FeedMessage, index: ScheduleIndex, now: Date): TripUpdatePlan {
  const plan: TripUpdatePlan = { rows: [], added: [], problems: [], stats: emptyTripStats() };
  const referenceMs = feed.header.timestamp ? feed.header.timestamp * 1000 : now.getTime();
  for (const entity of feed.entity) {
    // Vehicle positions and deletions of earlier (differential) entities are not ours to count.
    if (entity.isDeleted || !entity.tripUpdate) continue;
    const update = entity.tripUpdate;
    const tripId = update.trip.tripId || null;
    const report = (problem: string) => {
      if (plan.problems.length < MAX_PROBLEMS) plan.problems.push({ entityId: entity.id, tripId, problem });
    };
    plan.stats.trips += 1;
    plan.stats.stopUpdates += update.stopTimeUpdate.length;
    if (tripId === null) {
      plan.stats.unmatchedTrips += 1;
      report('the trip update has no trip_id (trips selected by route and start time are not supported)');
      continue;
    }
    planTrip({ plan, index, tripId, update, referenceMs, report });
  }
  return plan;
}

function planTrip(context: TripContext): void {
  const relationship = context.update.trip.scheduleRelationship ?? 'SCHEDULED';
  switch (relationship) {
    case 'ADDED':
    case 'NEW':
      return planAdded(context);
    case 'CANCELED':
    case 'DELETED':
      return planCancelled(context);
    case 'SCHEDULED':
    case 'REPLACEMENT':
      return planScheduled(context);
    default:
      context.plan.stats.unmatchedTrips += 1;
      context.report(`schedule_relationship ${relationship} is not supported`);
  }
}

function planScheduled(context: TripContext): void {
  const { plan, index, tripId, update } = context;
  const runs = index.trips(tripId);
  const run = pickRun(runs, update.trip, context.referenceMs);
  if (typeof run === 'string') {
    // A REPLACEMENT of a trip we never had is, for the boards, a trip of its own.
    if (update.trip.scheduleRelationship === 'REPLACEMENT' && runs.length === 0) return planAdded(context);
    plan.stats.unmatchedTrips += 1;
    return context.report(run);
  }
  plan.stats.matchedTrips += 1;
  const match = matchStopUpdates(run, update.stopTimeUpdate, index);
  plan.stats.matchedStops += match.matched.length;
  plan.stats.unmatchedStops += match.unmatched;
  const { estimates, problems } = estimateCalls(run.calls, match.matched, update.delay);
  [...match.problems, ...problems].forEach(context.report);
  plan.rows.push(...estimatedRows(run, estimates, index));
}

function planCancelled(context: TripContext): void {
  const { plan, index, tripId, update } = context;
  const run = pickRun(index.trips(tripId), update.trip, context.referenceMs);
  if (typeof run === 'string') {
    plan.stats.unmatchedTrips += 1;
    return context.report(run);
  }
  plan.stats.matchedTrips += 1;
  plan.stats.canceledTrips += 1;
  plan.rows.push(...cancelledRows(run, index));
}

function planAdded(context: TripContext): void {
  const { plan, index, tripId, update } = context;
  const added = addedTrip(tripId, update, index);
  plan.stats.matchedStops += added.matchedStops;
  plan.stats.unmatchedStops += added.unmatchedStops;
  added.problems.forEach(context.report);
  if (added.trip === null) {
    plan.stats.unmatchedTrips += 1;
    return;
  }
  plan.stats.addedTrips += 1;
  for (const row of rowsForTrip(added.trip, stationNamer(index))) {
    plan.added.push({ stationId: row.stationId, departureId: row.departureId, body: row.body });
  }
}
