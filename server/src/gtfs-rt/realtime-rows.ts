import type { ScheduleIndex, ScheduledTrip } from '../gtfs/schedule-types';
import { rowsForTrip } from '../gtfs/trip-rows';
import type { CallEstimate } from './estimate-calls';
import type { RowRealtime } from './trip-update-plan';

/** Why a row of a cancelled trip, or at a skipped stop, is struck through. */
export const TRIP_CANCELLED = 'Cancelled';
export const STOP_SKIPPED = 'Does not stop here';

/** A station's display name for the rows' via lists; the id when the schedule lacks it. */
export function stationNamer(index: ScheduleIndex): (stationId: string) => string {
  return (stationId) => index.station(stationId)?.name ?? stationId;
}

/** The real-time state of every row the run has on the boards (the same rows the import made). */
export function estimatedRows(run: ScheduledTrip, estimates: CallEstimate[], index: ScheduleIndex): RowRealtime[] {
  const callIndex = new Map(run.calls.map((call, i) => [call.stopSequence, i]));
  return rowsForTrip(run, stationNamer(index)).map((row) => {
    const estimate = estimates[callIndex.get(row.stopSequence) ?? -1];
    const base = { stationId: row.stationId, departureId: row.departureId };
    if (estimate === undefined) return { ...base, expectedTime: null, platform: undefined, cancelled: false, cancelReason: null };
    if (estimate.skipped) return { ...base, expectedTime: null, platform: undefined, cancelled: true, cancelReason: STOP_SKIPPED };
    const expectedTime = row.body.kind === 'arrival' ? estimate.arrival : estimate.departure;
    return { ...base, expectedTime, platform: estimate.platform, cancelled: false, cancelReason: null };
  });
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
  }));
}
