import type { ScheduleIndex, ScheduledTrip } from '../gtfs/schedule-types';
import type { StopTimeUpdate } from './feed-message';

/** A stop time update and the call of the run it speaks about. */
export interface MatchedUpdate {
  callIndex: number;
  update: StopTimeUpdate;
  /** From assigned_stop_id; `undefined` leaves the timetabled platform. */
  platform: string | null | undefined;
}

export interface StopMatch {
  matched: MatchedUpdate[];
  /** One entry per update that matched no call (and per ignored assigned_stop_id). */
  problems: string[];
  unmatched: number;
}

/**
 * Pairs each stop time update with a call: by stop_sequence when given, else by stop_id, searching
 * after the previous match so a loop that visits a stop twice pairs in order. A platform stop_id
 * also matches a call at a sibling platform of the same station (the train changed track).
 */
export function matchStopUpdates(run: ScheduledTrip, updates: StopTimeUpdate[], index: ScheduleIndex): StopMatch {
  const result: StopMatch = { matched: [], problems: [], unmatched: 0 };
  let last = -1;
  for (const update of updates) {
    const found = findCall(run, update, index, last + 1);
    if (typeof found === 'string' || found <= last) {
      result.unmatched += 1;
      result.problems.push(typeof found === 'string' ? found : `stop_sequence ${update.stopSequence} is out of order`);
      continue;
    }
    last = found;
    const { platform, problem } = assignedPlatform(update, run.calls[found].stationId, index);
    if (problem !== null) result.problems.push(problem);
    result.matched.push({ callIndex: found, update, platform });
  }
  return result;
}

function findCall(run: ScheduledTrip, update: StopTimeUpdate, index: ScheduleIndex, from: number): number | string {
  const calls = run.calls;
  if (update.stopSequence !== undefined) {
    const at = calls.findIndex((call) => call.stopSequence === update.stopSequence);
    return at >= 0 ? at : `stop_sequence ${update.stopSequence} is not a call of trip ${run.tripId}`;
  }
  const stopId = update.stopId;
  if (!stopId) return 'a stop time update has neither stop_sequence nor stop_id';
  const exact = calls.findIndex((call, i) => i >= from && call.stopId === stopId);
  if (exact >= 0) return exact;
  const stationId = index.stop(stopId)?.stationId;
  if (stationId === undefined) return `stop_id ${stopId} is not in the imported schedule`;
  const sibling = calls.findIndex((call, i) => i >= from && call.stationId === stationId);
  return sibling >= 0 ? sibling : `stop_id ${stopId} is not a call of trip ${run.tripId}`;
}

/** A platform from assigned_stop_id (`undefined`: keep the timetabled one) and why it was ignored, if it was. */
export interface PlatformAssignment {
  platform: string | null | undefined;
  problem: string | null;
}

/**
 * The platform an update's assigned_stop_id names. A stop at another station would put the row
 * on a board it is not on, so it is ignored with a problem.
 */
export function assignedPlatform(update: StopTimeUpdate, stationId: string, index: ScheduleIndex): PlatformAssignment {
  const assigned = update.stopTimeProperties?.assignedStopId;
  if (!assigned) return { platform: undefined, problem: null };
  const stop = index.stop(assigned);
  if (stop === undefined) return { platform: undefined, problem: `assigned_stop_id ${assigned} is not in the imported schedule; ignored` };
  if (stop.stationId !== stationId) {
    return { platform: undefined, problem: `assigned_stop_id ${assigned} belongs to station ${stop.stationId}, not ${stationId}; ignored` };
  }
  return { platform: stop.platform, problem: null };
}
