import type { ScheduleIndex, ScheduledTrip } from '../gtfs/schedule-types';
import { pickRun } from '../gtfs-rt/pick-run';
import type { SiriJourney } from './siri-delivery';

/** A journey's run, and how it was found (for the match report). */
export type JourneyMatch = { run: ScheduledTrip; by: 'ref' | 'line' } | { problem: string };

/**
 * The scheduled run a SIRI journey means: by its DatedVehicleJourneyRef when that is a GTFS
 * trip_id (the run on DataFrameRef's day, else the one whose timetable has the journey's aimed
 * time, else the nearest), else by line, origin and aimed departure: a run of the route that
 * `LineRef` names (route id or short name) calling at the journey's first stop at its aimed time.
 * `lineRuns` are the runs to search by line; `null` when none were loaded (every ref matched).
 */
export function matchJourney(
  journey: SiriJourney,
  index: ScheduleIndex,
  lineRuns: ScheduledTrip[] | null,
  referenceMs: number,
): JourneyMatch {
  const byRef = journey.journeyRef ? runByRef(journey, journey.journeyRef, index, referenceMs) : null;
  if (byRef && typeof byRef !== 'string') return { run: byRef, by: 'ref' };
  const byLine = runByLine(journey, index, lineRuns ?? []);
  if (typeof byLine !== 'string') return { run: byLine, by: 'line' };
  return { problem: byRef ? `${byRef}, and ${byLine}` : byLine };
}

function runByRef(journey: SiriJourney, ref: string, index: ScheduleIndex, referenceMs: number): ScheduledTrip | string {
  const runs = index.trips(ref);
  if (runs.length === 0) return `DatedVehicleJourneyRef ${ref} is not a trip_id of the imported schedule`;
  const day = journey.dataFrameRef?.replace(/-/g, '');
  if (day && /^\d{8}$/.test(day)) return runs.find((r) => r.serviceDate === day) ?? `trip ${ref} does not run on ${journey.dataFrameRef}`;
  const anchor = anchorOf(journey, index);
  const timed = anchor && runs.find((run) => run.calls.some((c) => c.stationId === anchor.stationId && c.departure === anchor.aimed));
  return timed || pickRun(runs, { tripId: ref }, referenceMs);
}

function runByLine(journey: SiriJourney, index: ScheduleIndex, lineRuns: ScheduledTrip[]): ScheduledTrip | string {
  const line = journey.lineRef ?? journey.publishedLineName;
  if (line === undefined) return 'the journey has neither a matching DatedVehicleJourneyRef nor a LineRef';
  const anchor = anchorOf(journey, index);
  if (anchor === null) return `line ${line}: the journey names no known origin stop with an aimed departure time`;
  const names = new Set([journey.lineRef, journey.publishedLineName].filter((n): n is string => n !== undefined));
  const run = lineRuns.find(
    (r) =>
      (names.has(r.routeId) || names.has(r.line) || names.has(index.route(r.routeId)?.line ?? '')) &&
      r.calls.some((c) => c.stationId === anchor.stationId && c.departure === anchor.aimed),
  );
  return run ?? `no run of line ${line} leaves ${anchor.stopRef} at ${anchor.aimed} in the imported schedule`;
}

/** Where and when the journey is timetabled to leave: its origin, else its first call with an aimed departure. */
function anchorOf(journey: SiriJourney, index: ScheduleIndex): { stopRef: string; stationId: string; aimed: string } | null {
  const candidates = [
    { ref: journey.originRef, aimed: journey.originAimedDeparture },
    ...journey.calls.map((c) => ({ ref: c.stopPointRef, aimed: c.aimedDeparture })),
  ];
  for (const { ref, aimed } of candidates) {
    const stationId = ref === undefined ? undefined : index.stop(ref)?.stationId;
    if (ref !== undefined && stationId !== undefined && aimed !== undefined) return { stopRef: ref, stationId, aimed };
  }
  return null;
}
