import type { AuditEntry, ChangeSource } from '#shared/auth';
import type { BoardChangeEvent } from '#shared/board-event';
import type { Instant } from '../../common/dto/instant';

export class AuditActorDto {
  kind!: 'user' | 'token' | 'system';
  id!: string;
  /** A username, a token's name, or the system job (`roll-off`, `simulator`). */
  name!: string;
}

export class AuditEntryDto implements AuditEntry {
  id!: number;
  at!: Instant;
  actor!: AuditActorDto;
  source!: ChangeSource;
  stationId!: string;
  action!: BoardChangeEvent['type'];
  targetId!: string;
  /** The departure or alert before the change (`null`: it did not exist). */
  before!: unknown;
  /** The departure or alert after the change (`null`: it was removed). */
  after!: unknown;
  seq!: number;
  undoOf!: number | null;
  undone!: boolean;
}
