/**
 * The board's wire types: what crosses HTTP and SSE between the server and every screen.
 * Defined once here: the server answers in them, the web reads them, and the OpenAPI document's
 * schemas are generated from them (server/scripts/wire-schemas.js), doc comments included.
 */

/**
 * An ISO 8601 instant in UTC (`2026-11-23T09:32:00.000Z`), as every time on the wire is; screens
 * render it in the station's IANA timezone, never the device's. A plain string to the compiler;
 * the API documents it as `format: date-time`.
 */
export type Instant = string;

/** A station: the place one board belongs to. */
export interface Station {
  /** URL-safe slug, e.g. `zurich-hb`. */
  id: string;
  /** Display name, e.g. `Zürich HB`. */
  name: string;
  /** IANA timezone the station's clocks and times are shown in, e.g. `Europe/Zurich`. */
  timezone: string;
  /** The GTFS feed the station was imported from; absent for stations made through the API. */
  feedId?: string;
  /**
   * The language its operators' and feeds' texts are written in, a tag like `de` (GTFS: `feed_lang`
   * or `agency_lang`); absent: `en`. A board in another language marks a text that has no
   * translation into its own, rather than passing it off as one.
   */
  language?: string;
}

/**
 * What a passenger should read from a row. Derived by the server on every change
 * (see `deriveStatus`), so every screen agrees.
 */
export type DepartureStatus = 'on-time' | 'delayed' | 'cancelled' | 'departed';

/**
 * Whether a row is a service leaving this station or arriving at it. Arrival boards
 * (`?mode=arrivals`) show `arrival` rows with their `origin`; departure boards the others.
 */
export type RowKind = 'departure' | 'arrival';

/**
 * One row of a station's board: a service leaving it (or, with `kind: 'arrival'`, arriving at
 * it; then the times are arrival times). Named for the common case.
 */
export interface Departure {
  /** Unique within the station; chosen by whoever created it (a feed's trip id, say). */
  id: string;
  kind: RowKind;
  /** Line name as printed on the badge, e.g. `S3`, `IC 5`. */
  line: string;
  /** Line badge colour, `#rrggbb`. */
  lineColor: string;
  /** Final destination. */
  destination: string;
  /** Where the service started; what an arrival board shows ("from ..."). `null` when unknown. */
  origin: string | null;
  /** Notable intermediate stops, in order. */
  via: string[];
  /** The number passengers know the service by (GTFS `trip_short_name`, e.g. `723` of `IC 723`); `null` when it has none. */
  trainNumber: string | null;
  /** Stops after this station (before it, for an arrival) the service will not call at today, in order: "does not stop at …". */
  skippedStops: string[];
  /**
   * Where the service now ends (for an arrival: starts) when it no longer runs its whole route, a
   * partial cancellation: "only as far as …" (an arrival: "from … only"). `null` when it runs through.
   */
  shortenedAt: string | null;
  /** A replacement service (a bus for a closed line, say), which the board says in words. */
  replacement: boolean;
  /**
   * A headway-based service (GTFS `frequencies.txt` with `exact_times=0`): it runs about every this
   * many minutes and `scheduledTime` is only an estimate, so the board says "every 10 min" in place
   * of a clock time (and shows one row for the line and destination). Absent for a timed service.
   */
  headwayMinutes?: number;
  /** Timetabled time of departure (of arrival, for an arrival row). */
  scheduledTime: Instant;
  /** Real-time estimate; `null` when nothing is known beyond the timetable. */
  expectedTime: Instant | null;
  /** Timetabled platform; `null` when the station has no platforms. */
  scheduledPlatform: string | null;
  /** Platform the train will actually use; differs from `scheduledPlatform` after a change. */
  platform: string | null;
  /** Derived from the fields above; never set directly. */
  status: DepartureStatus;
  /** Why it was cancelled, shown beside the struck-through row. */
  cancelReason: string | null;
  /** Free-text remarks for passengers, shown in order. */
  remarks: string[];
  /**
   * The cancellation's reason and the remarks in other languages, by text then language tag:
   * `{"Signal failure": {"de": "Stellwerkstörung"}}`. Only for texts the row shows; absent when none.
   */
  textTranslations?: Record<string, Record<string, string>>;
  /**
   * Set while an operator's change holds against the feed: later feed updates still change the
   * timetable fields, but not the real-time ones the operator set, until `until` or until an
   * operator releases it. `null` when the feed is in charge.
   */
  override: DepartureOverride | null;
  /** Increases by one on every change of this departure (used for `ETag` / `If-Match`). */
  version: number;
  /** When this departure was last changed. */
  updatedAt: Instant;
}

/** How loudly an alert should be shown. */
export type AlertSeverity = 'info' | 'warning' | 'severe';

/** A station-wide message for passengers, e.g. a lift out of service or a line closure. */
export interface Alert {
  /** Assigned by the server when the alert is created. */
  id: string;
  severity: AlertSeverity;
  text: string;
  /** Shown from this instant on; `null` means immediately. */
  validFrom: Instant | null;
  /** Hidden after this instant; `null` means until cleared. */
  validUntil: Instant | null;
  createdAt: Instant;
  /**
   * The text in other languages, by lowercase language tag (`de`, `fr`), for screens showing
   * another language than `text`'s. Absent when there is only `text` (alerts typed in the console).
   */
  translations?: Record<string, string>;
}

/**
 * A position in a station's event log: `seq` increases by one per stored change, and
 * `epoch` identifies the store that assigned it (a new or restored database has a new epoch,
 * so an old position is never mistaken for one in the new log).
 */
export interface BoardPosition {
  /** Names the store that gave `seq`: a new or restored database has a new one. */
  epoch: string;
  /** The station's change counter as of this board. */
  seq: number;
}

/** Everything a screen needs to draw a station's board, as of one position in its log. */
export interface Board extends BoardPosition {
  station: Station;
  /** In display order (see `compareDepartures`). */
  departures: Departure[];
  alerts: Alert[];
  /** Where the board's live data comes from, for a station fed by a realtime feed; otherwise `null`. */
  feed: FeedFreshness | null;
}

/**
 * Whether a station's realtime feed is current. A stale board still shows its last known times,
 * and says that they may be out of date.
 */
export interface FeedFreshness {
  feedId: string;
  /** The agency or feed name, for the notice ("Live data from Caltrain …"). */
  name: string;
  /** The time of the feed's latest data (its own header timestamp); `null` before any arrived. */
  dataAt: Instant | null;
  /** `true` when no data came for longer than the server's `FEED_STALE_SECONDS`. */
  stale: boolean;
}

/** An operator's hold on a departure's real-time fields (estimate, platform, cancellation, remarks). */
export interface DepartureOverride {
  /** Who set it (a username). */
  by: string;
  at: Instant;
  /** When it lapses by itself; `null` holds until released or the departure leaves. */
  until: Instant | null;
  /** What the feed said meanwhile, when it disagreed: the console shows the conflict. */
  feed: FeedValues | null;
}

/** The real-time fields a feed sent for an overridden departure. */
export interface FeedValues {
  expectedTime: Instant | null;
  platform: string | null;
  cancelled: boolean;
  cancelReason: string | null;
  remarks: string[];
  at: Instant;
}
