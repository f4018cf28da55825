import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Times are ISO 8601 UTC text, which sorts correctly and
 * means the same in SQLite and PostgreSQL; lists are JSON text.
 */
export interface Database {
  meta: MetaTable;
  stations: StationTable;
  departures: DepartureTable;
  alerts: AlertTable;
  events: EventTable;
  idempotency_keys: IdempotencyKeyTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  feeds: FeedTable;
  feed_trips: FeedTripTable;
  feed_sources: FeedSourceTable;
  feed_schedule_zips: FeedScheduleZipTable;
  leases: LeaseTable;
  screens: ScreenTable;
  revoked_secrets: RevokedSecretTable;
  templates: TemplateTable;
}

/** Store-wide facts, such as the epoch that identifies this store's event ids. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface StationTable {
  id: string;
  name: string;
  timezone: string;
  /** Position of the station's last stored change; bumped in the same transaction as the change. */
  seq: Generated<number>;
  created_at: string;
  updated_at: string;
  /** `Station.language`, or null for the default. */
  language: Generated<string | null>;
  /** The GTFS feed the station was imported from, if any. */
  feed_id: Generated<string | null>;
}

export interface DepartureTable {
  station_id: string;
  id: string;
  kind: string;
  line: string;
  line_color: string;
  destination: string;
  origin: string | null;
  via: string;
  train_number: string | null;
  /** `Departure.headwayMinutes`, or null for a timed service. */
  headway_minutes: number | null;
  /** `Departure.textTranslations` as JSON, or null. */
  text_translations: string | null;
  /** `Departure.skippedStops` as a JSON array. */
  skipped_stops: string;
  shortened_at: string | null;
  /** 1 for a replacement service. */
  replacement: number;
  scheduled_time: string;
  expected_time: string | null;
  scheduled_platform: string | null;
  platform: string | null;
  cancel_reason: string | null;
  remarks: string;
  status: string;
  /** `DepartureOverride` as JSON, or null. */
  override: string | null;
  version: number;
  updated_at: string;
}

export interface AlertTable {
  station_id: string;
  id: string;
  severity: string;
  text: string;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
  /** `Alert.translations` as JSON, or null. */
  translations: string | null;
}

/** The per-station change log: every stored change, in `seq` order, as the JSON its screens received. */
export interface EventTable {
  station_id: string;
  seq: number;
  type: string;
  payload: string;
  created_at: string;
}

/**
 * A write made with an `Idempotency-Key`, per caller. The row is inserted (insert or fail) before
 * the work starts, so only one request with the key runs; a board change sets `applied` in its own
 * transaction, so after a crash the row tells whether it was stored. The answer is added after.
 */
export interface IdempotencyKeyTable {
  /** Whose key it is: `user:<id>` or `token:<id>`. */
  scope: string;
  key: string;
  fingerprint: string;
  /** 1 once a board change of the request was stored (set in that change's transaction). */
  applied: Generated<number>;
  status: number | null;
  body: string | null;
  etag: string | null;
  created_at: string;
}

/** A console account; `stations` is a JSON list, or null for every station. */
export interface UserTable {
  id: string;
  username: string;
  /** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
  password_hash: string;
  role: string;
  stations: string | null;
  created_at: string;
}

/** An API token, found by the SHA-256 of its secret (the secret is random, so no salt is needed). */
export interface ApiTokenTable {
  id: string;
  name: string;
  token_hash: string;
  permissions: string;
  stations: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The hash of a token secret once revoked: never accepted again, even when configured anew (the bootstrap token). */
export interface RevokedSecretTable {
  token_hash: string;
  revoked_at: string;
}

/** A signed-in session, found by the SHA-256 of its cookie. */
export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  source: string;
  station_id: string;
  action: string;
  target_id: string;
  before: string | null;
  after: string | null;
  seq: number;
  /** The entry this change undid, if it was an undo. */
  undo_of: number | null;
  /** 1 once the change has been undone. */
  undone: Generated<number>;
  /** The write (request or job run) the change belongs to: undone together. */
  write_id: string | null;
}

/** A disruption template (`TextTemplate`). */
export interface TemplateTable {
  id: string;
  name: string;
  use: string;
  severity: string | null;
  /** `TextTemplate.texts` as JSON. */
  texts: string;
  updated_at: string;
  updated_by: string;
}

/** A GTFS feed: its last imported schedule and where its realtime data is polled from. */
export interface FeedTable {
  id: string;
  name: string;
  timezone: string;
  station_prefix: string;
  /** `{ stations, stops, routes }` of the last import, as JSON. */
  network: string;
  schedule_version: string | null;
  /** `FeedRecord.scheduleValidity` as JSON, or null. */
  schedule_validity: Generated<string | null>;
  window_from: string | null;
  window_days: number | null;
  /** 1 when the window starts today and rolls forward every day (`FeedRecord.windowRolls`). */
  window_rolls: Generated<number>;
  imported_at: string | null;
  trip_updates_url: string | null;
  alerts_url: string | null;
  /** SIRI Lite URLs to poll (EstimatedTimetable, SituationExchange). */
  siri_et_url: Generated<string | null>;
  siri_sx_url: Generated<string | null>;
  /** Where the GTFS zip is published, fetched again on a schedule; null when it is only uploaded. */
  schedule_url: Generated<string | null>;
  poll_seconds: number;
  /** The poller's request headers, `{ name: value }` as JSON: secrets, never shown. */
  request_headers: Generated<string | null>;
  /** `{ kind, id }` of the user or token that set up polling, as JSON. */
  configured_by: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

/** The last GTFS zip a feed imported: what the daily roll of its window of service days reads. */
export interface FeedScheduleZipTable {
  feed_id: string;
  zip: Buffer;
  saved_at: string;
}

/** One run of a scheduled trip (`ScheduledTrip` as JSON), found by trip id when realtime data names it. */
export interface FeedTripTable {
  feed_id: string;
  trip_id: string;
  service_date: string;
  trip: string;
}

/** The health of one of a feed's sources (`schedule`, `trip-updates`, `alerts`). */
export interface FeedSourceTable {
  feed_id: string;
  kind: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  /** The data's own timestamp (a GTFS-Realtime header's), not when we received it. */
  data_at: string | null;
  stats: string | null;
  problems: string;
  errors: string;
  /** Validators of the last pulled response, for conditional requests. */
  etag: string | null;
  last_modified: string | null;
}

/** Which instance runs a periodic job until when; renewed by its holder, taken over once it lapses. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A station screen's latest report (see `shared/screens.ts`). */
export interface ScreenTable {
  id: string;
  station_id: string;
  version: string;
  /** 1 while its stream is open on some instance. */
  connected: number;
  last_seen_at: string;
  data_age_seconds: number | null;
  user_agent: string | null;
  reload_requested_at: string | null;
  /** A hash of the beacon key of the stream it last connected with (see `ScreenFleet`). */
  stream_key: string | null;
}
