import type {
  AlertClearedEvent,
  AlertSetEvent,
  BoardEvent,
  DepartureRemovedEvent,
  DepartureSetEvent,
  HeartbeatEvent,
  ReloadEvent,
  ScreenEvent,
  SnapshotEvent,
} from '#shared/board-event';
import type { AlertDto } from '../../alerts/dto/alert.dto';
import type { Instant } from '../../common/dto/instant';
import type { DepartureDto } from '../../departures/dto/departure.dto';
import type { BoardDto } from './board.dto';

/*
 * The `data` of each message on a board's event stream, one class per `type` of the BoardEvent
 * union (shared/board-event.ts), so the OpenAPI document can show each shape.
 */

export class SnapshotEventDto implements SnapshotEvent {
  type!: 'snapshot';
  board!: BoardDto;
  serverTime!: Instant;
}

export class DepartureSetEventDto implements DepartureSetEvent {
  type!: 'departure-set';
  /** The change's position in the station's log. */
  seq!: number;
  departure!: DepartureDto;
}

export class DepartureRemovedEventDto implements DepartureRemovedEvent {
  type!: 'departure-removed';
  /** The change's position in the station's log. */
  seq!: number;
  departureId!: string;
}

export class AlertSetEventDto implements AlertSetEvent {
  type!: 'alert-set';
  /** The change's position in the station's log. */
  seq!: number;
  alert!: AlertDto;
}

export class AlertClearedEventDto implements AlertClearedEvent {
  type!: 'alert-cleared';
  /** The change's position in the station's log. */
  seq!: number;
  alertId!: string;
}

export class HeartbeatEventDto implements HeartbeatEvent {
  type!: 'heartbeat';
  serverTime!: Instant;
  version!: string;
  intervalMs!: number;
  staleFeeds?: Record<string, Instant | null>;
  storeUnavailable?: boolean;
}

export class ReloadEventDto implements ReloadEvent {
  type!: 'reload';
}

export class ScreenEventDto implements ScreenEvent {
  type!: 'screen';
  beaconKey!: string;
}

/** Every kind of message on the stream, keyed by its `type` (also the SSE `event:` name). */
export const BOARD_EVENT_DTOS = {
  snapshot: SnapshotEventDto,
  'departure-set': DepartureSetEventDto,
  'departure-removed': DepartureRemovedEventDto,
  'alert-set': AlertSetEventDto,
  'alert-cleared': AlertClearedEventDto,
  heartbeat: HeartbeatEventDto,
  reload: ReloadEventDto,
  screen: ScreenEventDto,
} as const satisfies Record<BoardEvent['type'], new () => object>;
