import type { FeedError, FeedProblem, FeedSourceHealth, FeedSourceKind } from '#shared/feeds';
import type { GtfsRoute, GtfsStation, GtfsStop, ScheduledTrip } from '../gtfs/schedule-types';
import type { ChangeAuthor, StoredEvent } from '../store/board.repository';
import type { PendingChange } from '../store/append-changes';

/** What a feed's boards are made of: its stations, stops and routes, as last imported. */
export interface FeedNetwork {
  stations: GtfsStation[];
  stops: GtfsStop[];
  routes: GtfsRoute[];
  /** The stations each route calls at (from the imported runs): what a route-wide alert informs. */
  routeStations: Record<string, string[]>;
}

/** A feed as stored. */
export interface FeedRecord {
  id: string;
  name: string;
  timezone: string;
  stationPrefix: string;
  network: FeedNetwork;
  scheduleVersion: string | null;
  scheduleValidity: { from: string | null; until: string | null } | null;
  window: { from: string; days: number } | null;
  /** The window was imported for today (no `from` chosen), so it rolls forward every day. */
  windowRolls: boolean;
  importedAt: string | null;
  tripUpdatesUrl: string | null;
  alertsUrl: string | null;
  /** SIRI Lite URLs: an EstimatedTimetable and a SituationExchange delivery. */
  siriEtUrl: string | null;
  siriSxUrl: string | null;
  /** Where the GTFS zip is published (`PUT` `scheduleUrl`); fetched again on a schedule. */
  scheduleUrl: string | null;
  pollSeconds: number;
  /** Request headers the poller sends (secrets: never shown). */
  headers: Record<string, string>;
  /** Who set up polling; the pulled data may change what they may. `null`: set up before this was kept. */
  configuredBy: PrincipalRef | null;
}

/** A user or token, by id: resolved again when used, so a revoked or deleted one no longer counts. */
export interface PrincipalRef {
  kind: 'user' | 'token';
  id: string;
}

/** A source's state as stored, with the validators of its last pulled response. */
export interface FeedSourceRecord extends FeedSourceHealth {
  etag: string | null;
  lastModified: string | null;
}

/** The outcome of one attempt to read a source, recorded in its health. */
export type SourceOutcome =
  | {
      ok: true;
      at: string;
      dataAt: string | null;
      stats: Record<string, number>;
      problems: FeedProblem[];
      etag?: string | null;
      lastModified?: string | null;
    }
  | { ok: true; at: string; notModified: true }
  | { ok: false; at: string; error: string };

/** A schedule import: the feed, its network, its trips (replacing the previous ones), and the board changes they make. */
export interface ScheduleWrite {
  feed: Omit<
    FeedRecord,
    'tripUpdatesUrl' | 'alertsUrl' | 'siriEtUrl' | 'siriSxUrl' | 'scheduleUrl' | 'pollSeconds' | 'headers' | 'configuredBy'
  >;
  trips: ScheduledTrip[];
  changes: PendingChange[];
}

/** What a feed's sources may be configured to. */
export interface FeedSourcesConfig {
  name: string;
  tripUpdatesUrl: string | null;
  alertsUrl: string | null;
  siriEtUrl: string | null;
  siriSxUrl: string | null;
  /** Left as it is when not given. */
  scheduleUrl?: string | null;
  pollSeconds: number;
  headers: Record<string, string>;
  configuredBy: PrincipalRef | null;
}

/** All feed I/O. */
export abstract class FeedsRepository {
  abstract listFeeds(): Promise<FeedRecord[]>;
  abstract findFeed(feedId: string): Promise<FeedRecord | null>;
  abstract stationCount(feedId: string): Promise<number>;
  /** Every stored run of the feed's trips. */
  abstract listTrips(feedId: string): Promise<ScheduledTrip[]>;
  /** The stored runs of these trip ids, any service date. */
  abstract findTrips(feedId: string, tripIds: string[]): Promise<ScheduledTrip[]>;
  /**
   * Stores an import in one transaction: the feed and its network, its stations (created or
   * renamed), its trips (replacing the previous import's) and the board changes, which are
   * appended to their stations' logs. All of it, or nothing.
   */
  abstract saveSchedule(write: ScheduleWrite, author: ChangeAuthor): Promise<StoredEvent[]>;
  abstract saveSources(feedId: string, config: FeedSourcesConfig): Promise<void>;
  abstract listSources(feedId: string): Promise<FeedSourceRecord[]>;
  /** Keeps the zip of the latest import (replacing the one before): the daily roll of the window reads it. */
  abstract saveScheduleZip(feedId: string, zip: Buffer): Promise<void>;
  abstract loadScheduleZip(feedId: string): Promise<Buffer | null>;
  /** Records an attempt at a source: success (with its counts), not-modified, or failure (kept among the last errors). */
  abstract recordSource(feedId: string, kind: FeedSourceKind, outcome: SourceOutcome): Promise<void>;
}

/** How many failures a source keeps. */
const KEPT_ERRORS = 10;

/** The source's errors with a new one first, keeping the last few. */
export function pushError(errors: FeedError[], error: FeedError): FeedError[] {
  return [error, ...errors].slice(0, KEPT_ERRORS);
}
