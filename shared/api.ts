import type { AlertSeverity, RowKind } from './board';

/**
 * Request bodies and the error shape of the REST API. The server's DTO classes implement these,
 * so a change here that the server does not follow fails to compile.
 */

/** `PUT /api/stations/:stationId`: create or rename a station. */
export interface PutStationBody {
  name: string;
  timezone: string;
  /** The language the station's texts are written in (`de`, `fr-CH`); default `en`. */
  language?: string;
}

/** `PUT /api/stations/:stationId/departures/:departureId`: the whole departure, as a feed knows it. */
export interface PutDepartureBody {
  /** Defaults to `departure`. */
  kind?: RowKind;
  line: string;
  lineColor: string;
  destination: string;
  origin?: string | null;
  via?: string[];
  /** The service's number as passengers know it (GTFS `trip_short_name`); default `null`. */
  trainNumber?: string | null;
  /** A headway-based service running about every this many minutes (see `Departure.headwayMinutes`); default `null`, a timed one. */
  headwayMinutes?: number | null;
  /** Stops the service will not call at today ("does not stop at …"); default none. */
  skippedStops?: string[];
  /** Where the service now ends (an arrival: starts) when it no longer runs its whole route; default `null`. */
  shortenedAt?: string | null;
  /** A replacement service (GTFS `route_type` 714, a bus for a closed line); default `false`. */
  replacement?: boolean;
  /** RFC 3339 with a UTC offset; from 2 days before to 400 days after now (the boards' clock). */
  scheduledTime: string;
  expectedTime?: string | null;
  scheduledPlatform?: string | null;
  platform?: string | null;
  cancelled?: boolean;
  cancelReason?: string | null;
  remarks?: string[];
  /** `Departure.textTranslations`: the reason and remarks in other languages (a template gives them). */
  textTranslations?: Record<string, Record<string, string>>;
}

/**
 * `PATCH /api/stations/:stationId/departures/:departureId`: an operator's change. Only the
 * fields present change. `delayMinutes` and `expectedTime` both set the estimate, so at most
 * one may be given; `delayMinutes: 0` or `expectedTime: null` clears it.
 */
export interface PatchDepartureBody {
  /** Minutes after the timetabled time (negative: early). */
  delayMinutes?: number;
  /**
   * Minutes to add to the delay the row has when the change is made (negative: less), as a
   * console's "+5" means it: two operators adding 5 at once give 10, never 5.
   */
  addDelayMinutes?: number;
  expectedTime?: string | null;
  /** New platform; `null` returns to the timetabled one. */
  platform?: string | null;
  /** `true` cancels, `false` reinstates. */
  cancelled?: boolean;
  cancelReason?: string | null;
  /** Replaces the remarks. */
  remarks?: string[];
  /** Translations of the reason and remarks the row will show (others are dropped); given, they replace the row's. */
  textTranslations?: Record<string, Record<string, string>>;
  /**
   * An operator's change holds against the feed until this instant (`null`: until released).
   * Only meaningful for operators; feed tokens never hold.
   */
  overrideUntil?: string | null;
  /** Hands the departure back to the feed: its last values (if it sent any meanwhile) apply now. */
  releaseOverride?: boolean;
}

/** `POST /api/stations/:stationId/line-delays`: delay every upcoming, running departure of a line at once. */
export interface LineDelayBody {
  /** Line name as on the badge; matched ignoring case and spaces (`ic5` matches `IC 5`). */
  line: string;
  delayMinutes: number;
}

/** `POST /api/stations/:stationId/alerts`. */
export interface PostAlertBody {
  severity: AlertSeverity;
  text: string;
  /** Shown from this instant on (RFC 3339 with a UTC offset, within a year before or two after now); `null`: at once. */
  validFrom?: string | null;
  /** Hidden from this instant on (RFC 3339 with a UTC offset, at most two years ahead); `null`: until cleared. */
  validUntil?: string | null;
  /**
   * The text in other languages, by language tag (`{"de": "Gleis 41-44 gesperrt"}`), up to 8: a
   * board set to one of them (`?lang=de`) shows that text; any other shows `text`.
   */
  translations?: Record<string, string>;
}

/** One problem with one field of a request. `field` is a path such as `via.2` or `body`. */
export interface FieldError {
  /** @example "delayMinutes" */
  field: string;
  /** @example "delayMinutes must be a whole number of minutes" */
  message: string;
}

/** Every error the API answers, whatever the status. */
export interface ApiError {
  /** The HTTP status, repeated. */
  statusCode: number;
  /** Stable machine-readable code, e.g. `validation_failed`, `unauthorized`, `not_found`. */
  error: string;
  /** One sentence for people. */
  message: string;
  /** Present on 400 validation errors: every bad field, not just the first. */
  fields?: FieldError[];
}

/** `GET /api/health`. */
export interface Health {
  /** `degraded` while the database or Redis is away: the instance still serves its screens. */
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  /** `unavailable` while the database does not answer (writes get 503). */
  store: 'ok' | 'unavailable';
  /** How changes reach other instances: `in-process` (one instance), `redis`, or `redis-unavailable` (catching up from the store meanwhile). */
  fanOut: 'in-process' | 'redis' | 'redis-unavailable';
}

/** One update of a batch (`POST /api/updates`), keyed on `op`; each is what its single-item route does. */
export type BatchUpdate =
  | { op: 'put-departure'; stationId: string; departureId: string; departure: PutDepartureBody }
  | { op: 'patch-departure'; stationId: string; departureId: string; patch: PatchDepartureBody }
  | { op: 'remove-departure'; stationId: string; departureId: string }
  | { op: 'post-alert'; stationId: string; alert: PostAlertBody }
  | { op: 'clear-alert'; stationId: string; alertId: string };

/** `POST /api/updates`: up to 5,000 updates for any stations, applied in order. */
export interface BatchBody {
  updates: BatchUpdate[];
}

/** What happened to one update of a batch. A rejected update changed nothing; the others still apply. */
export interface BatchItemResult {
  /** The update's position in the batch, from 0. */
  index: number;
  status: 'applied' | 'rejected';
  /** The position the applied change got in its station's log. */
  seq?: number;
  /** For a rejected update: why, in the API's error shape (fields are paths inside the update). */
  error?: ApiError;
}

/** The answer to a batch: counts, and one result per update, in order. */
export interface BatchReport {
  applied: number;
  rejected: number;
  results: BatchItemResult[];
}
