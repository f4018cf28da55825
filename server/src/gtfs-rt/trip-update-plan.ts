import type { PutDepartureBody } from '#shared/api';

/** The feed's real-time state of one existing board row (a row the schedule import made). */
export interface RowRealtime {
  stationId: string;
  departureId: string;
  /** `null`: nothing known beyond the timetable. An estimate equal to the timetable is kept (confirmed on time). */
  expectedTime: string | null;
  /** `undefined`: unchanged from the schedule. */
  platform: string | null | undefined;
  cancelled: boolean;
  cancelReason: string | null;
  /** Calls of the run beyond this station (before it, for an arrival) that it skips today, by station name. */
  skippedStops: string[];
  /** Where the run now ends (an arrival: starts) when its last (first) calls are all skipped. */
  shortenedAt: string | null;
}

/** A row of a trip the schedule does not know (ADDED / NEW), to be created whole. */
export interface AddedRow {
  stationId: string;
  departureId: string;
  body: PutDepartureBody;
}

/** How much of a TripUpdates feed matched the imported schedule, for the feed's status page. */
export interface TripMatchStats {
  /** Trip updates read (deleted entities and vehicle positions are not counted). */
  trips: number;
  /** Scheduled runs found, cancelled ones included. */
  matchedTrips: number;
  unmatchedTrips: number;
  addedTrips: number;
  canceledTrips: number;
  /** Every stop time update of the trips read; only those of matched or added trips count as matched or unmatched. */
  stopUpdates: number;
  matchedStops: number;
  unmatchedStops: number;
}

/** Everything a TripUpdates message changes, planned without I/O so the caller applies it in one go. */
export interface TripUpdatePlan {
  rows: RowRealtime[];
  added: AddedRow[];
  stats: TripMatchStats;
  /** Every unmatched trip or stop and every dropped value, with why; capped at `MAX_PROBLEMS`. */
  problems: Array<{ entityId: string; tripId: string | null; problem: string }>;
}

/** Enough to fix a feed or an import by, small enough to show on a status page. */
export const MAX_PROBLEMS = 200;

/** Match counts of a message before any trip is read. */
export function emptyTripStats(): TripMatchStats {
  return {
    trips: 0,
    matchedTrips: 0,
    unmatchedTrips: 0,
    addedTrips: 0,
    canceledTrips: 0,
    stopUpdates: 0,
    matchedStops: 0,
    unmatchedStops: 0,
  };
}
