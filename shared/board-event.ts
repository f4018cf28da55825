import type { Alert, Board, Departure, Instant } from './board';

/**
 * Every message on a board's live stream. One union, keyed on `type` (also the SSE `event:`
 * name); new kinds are added, existing ones never change meaning. Each stored change carries
 * the station's `seq` it was given; the SSE `id` is `formatEventId(epoch, seq)`.
 */
export type BoardEvent = SnapshotEvent | BoardChangeEvent | HeartbeatEvent | ReloadEvent | ScreenEvent;

/** The whole board; replaces whatever the screen had. Always the first message of a stream. */
export interface SnapshotEvent {
  type: 'snapshot';
  board: Board;
  /** The server's clock when sent, so a screen shows the right countdowns from its first frame. */
  serverTime: Instant;
}

/**
 * Sent every `intervalMs` (default 15 s) when nothing else is: proves the stream is alive (a
 * screen that hears nothing for longer says its data may be stale), keeps proxies from closing
 * an idle stream, and carries the server's clock and version. Its SSE `id` repeats the position
 * the screen already has; it changes nothing on the board.
 */
export interface HeartbeatEvent {
  type: 'heartbeat';
  /** The server's clock when sent, so screens can correct theirs. */
  serverTime: Instant;
  /** The server's release; a screen that sees it change reloads itself after an upgrade. */
  version: string;
  /** When the next heartbeat is due at the latest. */
  intervalMs: number;
  /**
   * Realtime feeds that are stale right now, each with the time of its latest data (`null`: none
   * ever came). A board whose `feed` is listed says its live data is out of date; one whose feed
   * is not listed is current again. Usually empty, so every beat stays small.
   */
  staleFeeds?: Record<string, Instant | null>;
  /**
   * Present (`true`) while the server cannot reach its database: the board shown is the last one
   * received, changes cannot be made, and the screen says its times may be out of date.
   */
  storeUnavailable?: boolean;
}

/**
 * Sent to one screen that an operator asked to reload (it reloads its page). Like a heartbeat it
 * changes nothing on the board and repeats the position the screen already has.
 */
export interface ReloadEvent {
  type: 'reload';
}

/**
 * Sent once to a station screen (a stream opened with `?screen=`), right after the stream's start:
 * the key its beacons (`POST /api/screens/:screenId/beacon`) carry while this stream is open, so
 * only the screen itself can report about itself, and only at the station it watches. Like a
 * heartbeat it changes nothing on the board and repeats the position the screen already has.
 */
export interface ScreenEvent {
  type: 'screen';
  /** This stream's secret: a new one on every connect, void once the stream closes. */
  beaconKey: string;
}

/** A change stored in a station's log. */
export type BoardChangeEvent = DepartureSetEvent | DepartureRemovedEvent | AlertSetEvent | AlertClearedEvent;

/** A departure was created or changed; carries the whole row as it now is. */
export interface DepartureSetEvent {
  type: 'departure-set';
  /** The change's position in the station's log. */
  seq: number;
  departure: Departure;
}

/** A departure left the board (deleted by an operator or feed). */
export interface DepartureRemovedEvent {
  type: 'departure-removed';
  /** The change's position in the station's log. */
  seq: number;
  departureId: string;
}

/** An alert was created or changed. */
export interface AlertSetEvent {
  type: 'alert-set';
  /** The change's position in the station's log. */
  seq: number;
  alert: Alert;
}

/** An alert was cleared. */
export interface AlertClearedEvent {
  type: 'alert-cleared';
  /** The change's position in the station's log. */
  seq: number;
  alertId: string;
}

/**
 * What each kind of change does: which rows it touches, and whether it sets a row or takes one away.
 * One entry per kind (the compiler refuses a missing or an unknown one), so the rules that depend
 * on the kind (permissions, the audit's filter, undo) read it here instead of matching names.
 */
export const CHANGE_KINDS = {
  'departure-set': { rows: 'departures', sets: true },
  'departure-removed': { rows: 'departures', sets: false },
  'alert-set': { rows: 'alerts', sets: true },
  'alert-cleared': { rows: 'alerts', sets: false },
} as const satisfies Record<BoardChangeEvent['type'], { rows: 'departures' | 'alerts'; sets: boolean }>;

export type ChangeType = BoardChangeEvent['type'];

/** Every kind of change, in a stable order (the audit's filter lists them so). */
export const CHANGE_TYPES = Object.keys(CHANGE_KINDS) as ChangeType[];

/** A change as it is made, before the store gives it its `seq`. */
export type NewChange = BoardChangeEvent extends infer E ? (E extends BoardChangeEvent ? Omit<E, 'seq'> : never) : never;

/**
 * The row a change touches and what it leaves there: the rows (`departures` or `alerts`), the
 * row's id, and the row as it now is (`null` once taken away). Storing, staging, permissions and
 * undo work on this, so only `changeTarget` and `changeOf` name the kinds.
 */
export type ChangeTarget = { rows: 'departures'; id: string; row: Departure | null } | { rows: 'alerts'; id: string; row: Alert | null };

/** What `change` does to its row. */
export function changeTarget(change: NewChange | BoardChangeEvent): ChangeTarget {
  switch (change.type) {
    case 'departure-set':
      return { rows: 'departures', id: change.departure.id, row: change.departure };
    case 'departure-removed':
      return { rows: 'departures', id: change.departureId, row: null };
    case 'alert-set':
      return { rows: 'alerts', id: change.alert.id, row: change.alert };
    case 'alert-cleared':
      return { rows: 'alerts', id: change.alertId, row: null };
    default:
      return unknownChange(change);
  }
}

/** The change that leaves `target.row` in place of what is there (an undo: the row as it was before). */
export function changeOf(target: ChangeTarget): NewChange {
  switch (target.rows) {
    case 'departures':
      return target.row ? { type: 'departure-set', departure: target.row } : { type: 'departure-removed', departureId: target.id };
    case 'alerts':
      return target.row ? { type: 'alert-set', alert: target.row } : { type: 'alert-cleared', alertId: target.id };
    default:
      return unknownChange(target);
  }
}

function unknownChange(value: never): never {
  throw new Error(`unknown change ${JSON.stringify(value)}`);
}

/** Every `type` a stream can carry, one entry each (the compiler refuses a missing or an unknown one). */
const STREAM_TYPES = {
  snapshot: true,
  'departure-set': true,
  'departure-removed': true,
  'alert-set': true,
  'alert-cleared': true,
  heartbeat: true,
  reload: true,
  screen: true,
} as const satisfies Record<BoardEvent['type'], true>;

/** Every `type` a stream can carry, for clients that register one listener per SSE event name. */
export const BOARD_EVENT_TYPES = Object.keys(STREAM_TYPES) as BoardEvent['type'][];

/** SSE `id` of a change: `<epoch>.<seq>`, so a resume names both the store and the position. */
export function formatEventId(epoch: string, seq: number): string {
  return `${epoch}.${seq}`;
}

/** Parses an SSE `id` back into a position; `null` for anything malformed. */
export function parseEventId(id: string | null | undefined): { epoch: string; seq: number } | null {
  const match = /^([a-z0-9]{1,32})\.(\d{1,15})$/.exec(id ?? '');
  if (!match) return null;
  return { epoch: match[1], seq: Number(match[2]) };
}
