import type { Alert, Board, Departure, Station } from '#shared/board';
import type { AuditEntry, ChangeSource } from '#shared/auth';
import type { BoardChangeEvent, NewChange } from '#shared/board-event';

/** A change to store, before the store gives it its position (`seq`) in the station's log. */
export type BoardChange = NewChange;

/** A change as stored: its event, and that event serialized once for every screen. */
export interface StoredEvent {
  stationId: string;
  event: BoardChangeEvent;
  /** The SSE `id` (`<epoch>.<seq>`). */
  id: string;
  /** `JSON.stringify(event)`, computed once when stored. */
  json: string;
}

/** Who made a change and from where, recorded in the audit log with the change. */
export interface ChangeAuthor {
  actor: AuditEntry['actor'];
  source: ChangeSource;
  /** Set when the change undoes an earlier one: that entry's id. */
  undoOf?: number;
  /**
   * The write the change belongs to (one request, or one run of a job): an undo takes back a whole
   * write, so an operator's action on ten rows is one step back.
   */
  write?: string;
}

/** A write's idempotency key, whose it is (`user:<id>`, `token:<id>`), and the fingerprint of its request. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  fingerprint: string;
}

/**
 * All board I/O. The only code that talks to the database, so services hold the rules and tests
 * can run them on a real store in a temp directory. One implementation per engine family.
 */
export abstract class BoardRepository {
  /** Identifies this store in event ids; fixed when the store was created. */
  abstract readonly epoch: string;
  abstract listStations(): Promise<Station[]>;
  abstract findStation(stationId: string): Promise<Station | null>;
  /** Creates or renames a station; `true` when it was created. */
  abstract saveStation(station: Station): Promise<boolean>;
  abstract findDeparture(stationId: string, departureId: string): Promise<Departure | null>;
  /** Which of these stations exist. */
  abstract findStationIds(stationIds: string[]): Promise<Set<string>>;
  /** The departures with these (station, departure) ids that exist, with their station. */
  abstract findDepartures(
    keys: Array<[stationId: string, departureId: string]>,
  ): Promise<Array<{ stationId: string; departure: Departure }>>;
  /** Departures of every station whose time (expected, else timetabled) is before `cutoff`. */
  abstract findDepartedBefore(cutoff: Date, limit: number): Promise<Array<{ stationId: string; departureId: string }>>;
  abstract findAlert(stationId: string, alertId: string): Promise<Alert | null>;
  /** The whole board as of one consistent position; `null` for an unknown station. */
  abstract loadBoard(stationId: string): Promise<Board | null>;
  /**
   * Applies a change to the board's tables and appends it to the station's log, atomically and
   * durably: when this resolves the change survives a crash, and its `seq` is the next one.
   * The audit entry (with the row before and after) is recorded in the same transaction, and the
   * idempotency `claim` is marked applied there (claimed, if no one had): a claim that is another
   * request's, or already applied, fails the whole write.
   */
  abstract append(stationId: string, change: BoardChange, author: ChangeAuthor, claim?: IdempotencyClaim): Promise<StoredEvent>;
  /** `append` for many changes (of any stations) in one transaction: all are stored, or none. */
  abstract appendAll(
    changes: Array<{ stationId: string; change: BoardChange; before?: Departure | Alert | null; undoOf?: number }>,
    author: ChangeAuthor,
    claim?: IdempotencyClaim,
  ): Promise<StoredEvent[]>;
  /** Checks the store answers at all (for the health of a remote database). */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
