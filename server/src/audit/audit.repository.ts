import type { AuditEntry, AuditLogEntry } from '#shared/auth';

/** Which audit entries to list. `stations` limits to those (a principal's own); `null` is all. */
export interface AuditFilter {
  stations: string[] | null;
  stationId?: string;
  actor?: string;
  action?: string;
  source?: string;
  /** Entries with an id below this (for paging back). */
  before?: number;
  limit: number;
}

/**
 * The audit log, read: board changes write it, in their own transaction (see BoardRepository.append),
 * and so do template changes (TemplatesRepository).
 */
export abstract class AuditRepository {
  /** Newest first; template changes only when `stations` is `null` and no station is asked for. */
  abstract listAudit(filter: AuditFilter): Promise<AuditLogEntry[]>;
  /**
   * The actor's latest write at a station that can still be undone: its changes that are neither
   * undos nor undone, newest first (one, for changes recorded before writes were).
   */
  abstract findUndoableWrite(stationId: string, actorId: string): Promise<AuditEntry[]>;
  /** The latest change of one row at a station, whoever made it. */
  abstract findLatestOf(stationId: string, targetId: string): Promise<AuditEntry | null>;
}
