/**
 * The parts of a GTFS-Realtime `FeedMessage` Headway reads, as the plain object that
 * `FeedMessage.toObject(m, { longs: Number, enums: String, arrays: true })` returns: unset optional
 * fields are absent, repeated fields are always arrays, 64-bit timestamps are numbers (POSIX
 * seconds) and enums are their names. An enum value newer than the bundled proto stays a number.
 */

export type Incrementality = 'FULL_DATASET' | 'DIFFERENTIAL';

export type TripScheduleRelationship =
  'SCHEDULED' | 'ADDED' | 'UNSCHEDULED' | 'CANCELED' | 'REPLACEMENT' | 'DUPLICATED' | 'DELETED' | 'NEW';

export type StopScheduleRelationship = 'SCHEDULED' | 'SKIPPED' | 'NO_DATA' | 'UNSCHEDULED';

export type AlertSeverityLevel = 'UNKNOWN_SEVERITY' | 'INFO' | 'WARNING' | 'SEVERE';

export interface FeedMessage {
  header: FeedHeader;
  entity: FeedEntity[];
}

export interface FeedHeader {
  /** `1.0`, `2.0`: checked by `decodeFeed`. */
  gtfsRealtimeVersion: string;
  incrementality?: Incrementality | number;
  /** When the feed's content was produced, POSIX seconds. */
  timestamp?: number;
}

export interface FeedEntity {
  id: string;
  isDeleted?: boolean;
  tripUpdate?: TripUpdate;
  alert?: FeedAlert;
}

export interface TripDescriptor {
  tripId?: string;
  routeId?: string;
  directionId?: number;
  /** `HH:MM:SS`, may exceed 24 h. */
  startTime?: string;
  /** Service date, `YYYYMMDD`. */
  startDate?: string;
  scheduleRelationship?: TripScheduleRelationship | number;
}

export interface VehicleDescriptor {
  id?: string;
  label?: string;
  licensePlate?: string;
}

export interface TripUpdate {
  trip: TripDescriptor;
  vehicle?: VehicleDescriptor;
  stopTimeUpdate: StopTimeUpdate[];
  timestamp?: number;
  /** Trip-wide schedule deviation in seconds, for calls no stop time update covers. */
  delay?: number;
}

export interface StopTimeEvent {
  /** Seconds late (negative: early) against the schedule. */
  delay?: number;
  /** Absolute estimate, POSIX seconds. */
  time?: number;
  uncertainty?: number;
}

export interface StopTimeUpdate {
  stopSequence?: number;
  stopId?: string;
  arrival?: StopTimeEvent;
  departure?: StopTimeEvent;
  scheduleRelationship?: StopScheduleRelationship | number;
  stopTimeProperties?: { assignedStopId?: string };
}

export interface TimeRange {
  start?: number;
  end?: number;
}

export interface EntitySelector {
  agencyId?: string;
  routeId?: string;
  routeType?: number;
  trip?: TripDescriptor;
  stopId?: string;
}

export interface Translation {
  text: string;
  language?: string;
}

export interface TranslatedString {
  translation: Translation[];
}

export interface FeedAlert {
  activePeriod: TimeRange[];
  informedEntity: EntitySelector[];
  cause?: string | number;
  effect?: string | number;
  headerText?: TranslatedString;
  descriptionText?: TranslatedString;
  severityLevel?: AlertSeverityLevel | number;
}
