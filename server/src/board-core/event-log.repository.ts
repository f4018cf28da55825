import type { BoardChangeEvent } from '#shared/board-event';

/** An entry of a station's log, as replayed to a resuming screen. */
export interface LoggedEvent {
  seq: number;
  type: BoardChangeEvent['type'];
  json: string;
}

/** Each station's log of changes: what resuming screens and catching-up instances read, and its retention. */
export abstract class EventLogRepository {
  /**
   * The station's log after `afterSeq`, oldest first, at most `limit` entries, and the station's
   * current `head` seq; `null` for an unknown station. The first entry is not `afterSeq + 1`
   * when retention already dropped the entries in between.
   */
  abstract readLog(stationId: string, afterSeq: number, limit: number): Promise<{ head: number; events: LoggedEvent[] } | null>;
  /** Every station's current `seq`: how far each log has got, for an instance catching up on changes it missed. */
  abstract listHeads(): Promise<Map<string, number>>;
  /** Drops log entries older than `before`, keeping at least the last `keep` of each station. */
  abstract trimLog(before: Date, keep: number): Promise<number>;
}
