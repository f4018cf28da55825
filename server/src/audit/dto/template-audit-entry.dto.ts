import { ApiProperty } from '@nestjs/swagger';
import type { ChangeSource, TemplateAuditEntry } from '#shared/auth';
import type { TemplateChangeType } from '#shared/templates';
import type { Instant } from '../../common/dto/instant';
import { TextTemplateDto } from '../../templates/dto/template.dto';
import { AuditActorDto } from './audit-entry.dto';

/** A disruption template created, changed or deleted: templates serve every station, so it names none. */
export class TemplateAuditEntryDto implements TemplateAuditEntry {
  id!: number;
  at!: Instant;
  actor!: AuditActorDto;
  source!: ChangeSource;
  /** Always `null`: a template belongs to no station. */
  @ApiProperty({ type: String, nullable: true })
  stationId!: null;
  /** `template-saved` (created or replaced) or `template-deleted`. */
  action!: TemplateChangeType;
  /** The template's id. */
  targetId!: string;
  /** The template before (`null`: it was created). */
  before!: TextTemplateDto | null;
  /** The template after (`null`: it was deleted). */
  after!: TextTemplateDto | null;
  /** Always `null`: a station's log position. */
  @ApiProperty({ type: Number, nullable: true })
  seq!: null;
  /** Always `null`: a template change undoes nothing. */
  @ApiProperty({ type: Number, nullable: true })
  undoOf!: null;
  /** Always `false`: a station's undo never takes back a template change. */
  undone!: false;
}
