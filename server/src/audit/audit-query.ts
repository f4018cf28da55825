import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHANGE_TYPES } from '#shared/board-event';
import { TEMPLATE_CHANGE_TYPES } from '#shared/templates';
import { IsText } from '../common/is-text';
import { STATION_ID } from '../common/station-params';

/** What the log records: changes (a stream's reloads, heartbeats and the like are never logged). */
const ACTIONS: readonly string[] = [...CHANGE_TYPES, ...TEMPLATE_CHANGE_TYPES];
const SOURCES = ['operator', 'feed', 'simulator', 'system'];

export class AuditQuery {
  /** Only changes at this station. */
  @IsOptional()
  @Matches(STATION_ID, { message: 'stationId must be a station id' })
  stationId?: string;

  /** Only changes by this username or token name. */
  @IsOptional()
  @IsText(1, 80)
  actor?: string;

  /** Only changes of this kind. */
  @IsOptional()
  @IsIn(ACTIONS, { message: `action must be one of: ${ACTIONS.join(', ')}` })
  action?: string;

  /** Only changes from this source. */
  @IsOptional()
  @IsIn(SOURCES, { message: `source must be one of: ${SOURCES.join(', ')}` })
  source?: string;

  /** Only entries older than this entry id: the next page after the last entry seen. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  /** How many entries, newest first (default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
