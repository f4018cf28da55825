import type { Instant } from './board';
import type { ApiError } from './api';

/**
 * GTFS feeds: an agency's schedule imported into Headway's stations and departures, and its
 * GTFS-Realtime data (TripUpdates, Alerts) applied to them, pushed or pulled.
 */

/** `PUT /api/feeds/:feedId`: where to pull a feed's realtime data from (a feed is created by its first schedule import). */
export interface PutFeedBody {
  /** Shown in the console and on stale boards; defaults to the agency's name. */
  name?: string;
  /** GTFS-Realtime TripUpdates URL to poll; `null` stops polling it. */
  tripUpdatesUrl?: string | null;
  /** GTFS-Realtime Alerts URL to poll; `null` stops polling it. */
  alertsUrl?: string | null;
  /** SIRI Lite EstimatedTimetable delivery URL to poll (XML); `null` stops polling it. */
  siriEtUrl?: string | null;
  /** SIRI Lite SituationExchange delivery URL to poll (XML); `null` stops polling it. */
  siriSxUrl?: string | null;
  /**
   * Where the agency publishes its GTFS zip: fetched every hour (conditional GET) and re-imported
   * when it changed; `null` stops fetching it. Sent with the same `headers`.
   */
  scheduleUrl?: string | null;
  /** Seconds between polls (10–3600). */
  pollSeconds?: number;
  /**
   * Request headers the poller sends with both URLs, such as an agency's API key
   * (`{"Ocp-Apim-Subscription-Key": "…"}`): up to 10, replacing those set before; `null` removes them
   * all. Stored as secrets: answers name the headers set, never their values.
   */
  headers?: Record<string, string> | null;
}

/** Which of a feed's inputs a health record is about. */
export type FeedSourceKind = 'schedule' | 'trip-updates' | 'alerts' | 'siri-et' | 'siri-sx';

/** One thing in a feed that did not match the schedule, or was dropped, and why. */
export interface FeedProblem {
  /** The feed entity's id, when it came from GTFS-Realtime. */
  entityId?: string;
  tripId?: string | null;
  problem: string;
}

/** A failed attempt: when, and what was wrong. */
export interface FeedError {
  at: Instant;
  message: string;
}

/** The health of one input of a feed. */
export interface FeedSourceHealth {
  kind: FeedSourceKind;
  lastAttemptAt: Instant | null;
  lastSuccessAt: Instant | null;
  /** The time of the data itself (a GTFS-Realtime header's timestamp; the import time for a schedule). */
  dataAt: Instant | null;
  /** Counts of the last successful run (matched and unmatched trips, stops, alerts …). */
  stats: Record<string, number> | null;
  /** Up to 200 things the last successful run could not match. */
  problems: FeedProblem[];
  /** The last 10 failures, newest first. */
  errors: FeedError[];
}

/** The service days a schedule import covers. */
export interface ServiceWindow {
  /** First service day, `YYYY-MM-DD`. */
  from: string;
  days: number;
}

/** Board rows an import created, changed and removed (unchanged rows are not rewritten). */
export interface ImportedRows {
  created: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** Board rows a realtime update changed, and those it left as they were. */
export interface RealtimeRows {
  changed: number;
  unchanged: number;
}

/** A feed and how it is doing. */
export interface Feed {
  id: string;
  name: string;
  timezone: string;
  /** Station ids of this feed start with `<stationPrefix>-`. */
  stationPrefix: string;
  stationCount: number;
  /** `feed_info.feed_version` of the imported schedule. */
  scheduleVersion: string | null;
  /** `feed_info.feed_start_date` and `feed_end_date` (`YYYY-MM-DD`): the dates the agency says the schedule is good for. */
  scheduleValidity: { from: string | null; until: string | null } | null;
  /** The imported service days: first day (`YYYY-MM-DD`) and how many. */
  window: ServiceWindow | null;
  /** The polled URLs as they may be shown: user info and credential-like query values read `REDACTED`. */
  tripUpdatesUrl: string | null;
  alertsUrl: string | null;
  siriEtUrl: string | null;
  siriSxUrl: string | null;
  /** Where the GTFS schedule zip is published (redacted like the others): fetched again every hour and re-imported when it changed. */
  scheduleUrl: string | null;
  pollSeconds: number;
  /** Names of the request headers the poller sends (their values are never shown). */
  headerNames: string[];
  /** `true` when realtime data is expected but none came for longer than `FEED_STALE_SECONDS`. */
  stale: boolean;
  sources: FeedSourceHealth[];
}

/** The answer to a schedule import. */
export interface ScheduleImportReport {
  feedId: string;
  stations: number;
  routes: number;
  /** Runs of trips (a trip on one service day) in the window. */
  trips: number;
  window: ServiceWindow;
  /** Board rows created, changed and removed (unchanged rows are not rewritten). */
  rows: ImportedRows;
  /** Rows that kept an operator's active override. */
  overridesKept: number;
  /** Names and headsigns that had control, bidirectional or zero-width characters, which were removed. */
  textsCleaned: number;
  durationMs: number;
  /**
   * Why the import put nothing on the boards, when it did not: "this feed's calendar runs 2023-09-23
   * to 2024-06-01; the window 2026-12-01 + 3 days is outside it; import with from= a date in it".
   */
  warning?: string;
  /** Rows of the feed left out rather than failing the import, and why (the first 20). */
  skipped: { rows: number; examples: string[] };
}

/**
 * One line of a schedule import answered as `application/x-ndjson` (asked for with that `Accept`):
 * the server's stages as they happen, then the report, or the error in the API's error shape.
 */
export type ScheduleImportStreamLine =
  /** `done` of `total` rows of `phase` (`stops`, `trips`, `stop_times`, `storing`); `total` is `null` while unknown. */
  | { type: 'progress'; phase: string; done: number; total: number | null }
  /** The import is done: the same report the plain JSON answer is. */
  | { type: 'report'; report: ScheduleImportReport }
  /** The import was refused or failed; nothing was stored. */
  | { type: 'error'; error: ApiError };

/** The answer to a pushed GTFS-Realtime message or SIRI delivery. */
export interface RealtimeReport {
  feedId: string;
  /** The message's header timestamp. */
  dataAt: Instant | null;
  /** Board rows changed, and rows left alone because nothing changed. */
  rows: RealtimeRows;
  stats: Record<string, number>;
  /** What did not match, and why (up to 200). */
  problems: FeedProblem[];
}
