/**
 * What a GTFS schedule import produces, and what the realtime feed matches against. Pure data:
 * built by `readSchedule` from a zip, stored per feed by the feeds module, read back by the
 * GTFS-Realtime planner through a `ScheduleIndex`.
 */

/** A station: a GTFS parent station (or a stop without one), with every stop id that belongs to it. */
export interface GtfsStation {
  /** Headway station id (`stationIdFor(stopId, prefix)`). */
  id: string;
  name: string;
  /** IANA timezone its board shows: its `stop_timezone`, else that of the agency whose trips call there, else the feed's. */
  timezone: string;
  /** The parent's stop id and its child stops' ids. */
  stopIds: string[];
  /** The language the feed's texts are in: `feed_lang`, else `agency_lang`; absent when neither says. */
  language?: string;
}

/** A GTFS stop (platform, or a station without children) and the station it belongs to. */
export interface GtfsStop {
  stopId: string;
  stationId: string;
  /** `platform_code` when given, else `null`. */
  platform: string | null;
}

/** A route as a board shows it. */
export interface GtfsRoute {
  routeId: string;
  /** `route_short_name`, else `route_long_name`. */
  line: string;
  /** `#rrggbb` from `route_color`, else a neutral default. */
  color: string;
  /** `route_type` 714, a rail replacement bus (GTFS's extended route types); absent otherwise. */
  replacement?: true;
}

/** One trip's call at one stop on one service date. Times are UTC ISO instants. */
export interface ScheduledCall {
  stopSequence: number;
  stopId: string;
  stationId: string;
  /** `null` at the first call (no arrival row is made there). */
  arrival: string | null;
  /** `null` at the last call (no departure row is made there). */
  departure: string | null;
  platform: string | null;
}

/** One run of a trip: a trip id on a service date (`YYYYMMDD`), with its calls in order. */
export interface ScheduledTrip {
  tripId: string;
  serviceDate: string;
  routeId: string;
  line: string;
  lineColor: string;
  /** `trip_headsign`, else the last call's station name. */
  destination: string;
  /** The first call's station name. */
  origin: string;
  /** `trip_short_name`; absent from runs stored before it was read, and when the feed gives none. */
  trainNumber?: string;
  /** Its route's `replacement`. */
  replacement?: true;
  /** A run of a headway-based service (frequencies.txt with exact_times=0): its time is an estimate, the board says "every N min". */
  headwayMinutes?: number;
  calls: ScheduledCall[];
}

/** A whole import: everything one feed's boards need for the window of service days. */
export interface GtfsSchedule {
  agencyName: string;
  /** The agency's IANA timezone (`agency_timezone`). */
  timezone: string;
  /** `feed_info.feed_version` when present. */
  version: string | null;
  /** `feed_info.txt`'s feed_start_date and feed_end_date (`YYYYMMDD`); `null` when it gives neither. */
  validity: { from: string | null; until: string | null } | null;
  /** First service date of the window, `YYYYMMDD`, and how many days it covers. */
  window: { from: string; days: number };
  /** Rows left out rather than failing the import (a stop_times row naming a stop that does not exist). */
  skipped: { count: number; examples: string[] };
  /** Stops without a parent made one station with a namesake nearby, one line each. */
  grouped: string[];
  /** The dates the feed's calendar covers at all (`YYYYMMDD`); `null` when it has no service. */
  calendarRange: { first: string; last: string } | null;
  stations: GtfsStation[];
  stops: GtfsStop[];
  routes: GtfsRoute[];
  trips: ScheduledTrip[];
  /** Names and headsigns that had control, bidi or zero-width characters stripped. */
  textsCleaned: number;
}

/** Progress of a long import, for a progress bar: `done` of `total` rows of `phase`. */
export type ImportProgress = (phase: string, done: number, total: number | null) => void;

/**
 * What the realtime planner may ask of a feed's imported schedule. Synchronous: the feeds module
 * loads what a message needs (its trips, by id) before planning.
 */
export interface ScheduleIndex {
  timezone: string;
  agencyName: string;
  /** The runs of `tripId` within the imported window, any service date, in date order. */
  trips(tripId: string): ScheduledTrip[];
  stop(stopId: string): GtfsStop | undefined;
  station(stationId: string): GtfsStation | undefined;
  route(routeId: string): GtfsRoute | undefined;
  /** Stations any run of the route calls at. */
  stationsOfRoute(routeId: string): string[];
  /** Every station of the feed: what an agency-wide alert informs. */
  allStations(): string[];
}
