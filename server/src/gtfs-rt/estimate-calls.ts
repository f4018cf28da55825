import type { ScheduledCall } from '../gtfs/schedule-types';
import type { StopTimeEvent, StopTimeUpdate } from './feed-message';
import type { MatchedUpdate } from './match-stop-updates';

/** The board rejects estimates further than this from the timetable, so they are dropped here with a reason. */
const MAX_EARLY_MS = 60 * 60_000;
const MAX_LATE_MS = 24 * 60 * 60_000;

/** What the feed says about one call: estimates as ISO instants (`null`: unknown), skip, platform. */
export interface CallEstimate {
  arrival: string | null;
  departure: string | null;
  skipped: boolean;
  platform: string | null | undefined;
}

/** Seconds late per event, carried from the last update with data to the calls after it; `null`: no data. */
type Delays = { arrival: number | null; departure: number | null } | null;

interface EventEstimate {
  ms: number | null;
  delay: number | null;
}

/**
 * Applies the GTFS-Realtime propagation rules to every call of a run: a call with an update gets
 * that update's times; a later call without one gets its timetable plus the last update's delay;
 * SKIPPED cancels the call and lets the delay pass through; NO_DATA stops propagation until the next
 * update with data; calls before the first update get the trip-level delay, if any.
 */
export function estimateCalls(
  calls: ScheduledCall[],
  matched: MatchedUpdate[],
  tripDelay: number | undefined,
): { estimates: CallEstimate[]; problems: string[] } {
  const updateAt = new Map(matched.map((m) => [m.callIndex, m]));
  let delays: Delays = tripDelay === undefined ? null : { arrival: tripDelay, departure: tripDelay };
  const problems: string[] = [];
  const estimates = calls.map((call, i): CallEstimate => {
    const match = updateAt.get(i);
    const relationship = match?.update.scheduleRelationship;
    if (relationship === 'SKIPPED') return { arrival: null, departure: null, skipped: true, platform: undefined };
    if (relationship === 'NO_DATA') delays = null;
    const own = match && relationship !== 'NO_DATA' ? eventsAt(call, match.update) : null;
    if (own !== null) delays = { arrival: own.arrival.delay, departure: own.departure.delay };
    const arrival = own ? own.arrival.ms : shifted(call.arrival, delays?.arrival ?? null);
    const departure = own ? own.departure.ms : shifted(call.departure, delays?.departure ?? null);
    return {
      arrival: bounded(call, 'arrival', call.arrival === null ? null : arrival, problems),
      departure: bounded(call, 'departure', call.departure === null ? null : departure, problems),
      skipped: false,
      platform: match?.platform,
    };
  });
  return { estimates, problems };
}

/**
 * Both events at a call from its own update, or `null` when it carries neither. An event the update
 * leaves out follows the other: a departure no earlier than the arrival estimate nor than its
 * timetable plus the arrival's delay; an arrival no later than the departure estimate.
 */
function eventsAt(call: ScheduledCall, update: StopTimeUpdate): { arrival: EventEstimate; departure: EventEstimate } | null {
  const arrival = event(update.arrival, call.arrival);
  const departure = event(update.departure, call.departure);
  if (arrival !== null && departure !== null) {
    // An event with no timetable to measure against (arrival at the origin) borrows the other's delay.
    return {
      arrival: { ...arrival, delay: arrival.delay ?? departure.delay },
      departure: { ...departure, delay: departure.delay ?? arrival.delay },
    };
  }
  if (arrival !== null) {
    return { arrival, departure: { ms: extreme(Math.max, arrival.ms, shifted(call.departure, arrival.delay)), delay: arrival.delay } };
  }
  if (departure !== null) {
    return { departure, arrival: { ms: extreme(Math.min, departure.ms, shifted(call.arrival, departure.delay)), delay: departure.delay } };
  }
  return null;
}

/** An exact `time` wins; its delay is the given one, else measured against the timetable. */
function event(given: StopTimeEvent | undefined, scheduled: string | null): EventEstimate | null {
  if (given?.time !== undefined) {
    const ms = given.time * 1000;
    return { ms, delay: given.delay ?? (scheduled === null ? null : (ms - Date.parse(scheduled)) / 1000) };
  }
  if (given?.delay !== undefined) return { ms: shifted(scheduled, given.delay), delay: given.delay };
  return null;
}

function shifted(scheduled: string | null, delaySeconds: number | null): number | null {
  return scheduled === null || delaySeconds === null ? null : Date.parse(scheduled) + delaySeconds * 1000;
}

function extreme(pick: (...values: number[]) => number, ...values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : pick(...known);
}

function bounded(call: ScheduledCall, kind: 'arrival' | 'departure', ms: number | null, problems: string[]): string | null {
  const scheduled = call[kind];
  if (ms === null || scheduled === null) return null;
  const offset = ms - Date.parse(scheduled);
  if (offset < -MAX_EARLY_MS || offset > MAX_LATE_MS) {
    const minutes = Math.round(Math.abs(offset) / 60_000);
    problems.push(`the ${kind} estimate at stop ${call.stopId} is ${minutes} min ${offset < 0 ? 'early' : 'late'}; dropped`);
    return null;
  }
  return new Date(ms).toISOString();
}
