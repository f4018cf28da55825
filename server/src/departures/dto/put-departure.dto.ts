import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsInstant } from '../../common/is-instant';
import { IsText } from '../../common/is-text';
import { IsTextTranslations } from '../../alerts/dto/is-translations';
import type { PutDepartureBody } from '#shared/api';
import type { RowKind } from '#shared/board';

const ROW_KINDS: readonly RowKind[] = ['departure', 'arrival'];

/** `#rrggbb`: the form every screen and feed (GTFS `route_color` with a `#`) agrees on. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export class PutDepartureDto implements PutDepartureBody {
  @IsOptional()
  @IsIn(ROW_KINDS, { message: `kind must be one of: ${ROW_KINDS.join(', ')}` })
  kind?: RowKind;

  @IsText(1, 16)
  line!: string;

  @Matches(HEX_COLOR, { message: 'lineColor must be a colour like "#0a7cc2"' })
  lineColor!: string;

  @IsText(1, 80)
  destination!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsText(1, 80)
  origin?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsText(1, 80, { each: true })
  via?: string[];

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsText(1, 16)
  trainNumber?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'headwayMinutes must be a whole number of minutes' })
  @Min(1, { message: 'headwayMinutes must be from 1 to 720' })
  @Max(720, { message: 'headwayMinutes must be from 1 to 720' })
  headwayMinutes?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @IsText(1, 80, { each: true })
  skippedStops?: string[];

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsText(1, 80)
  shortenedAt?: string | null;

  @IsOptional()
  @IsBoolean()
  replacement?: boolean;

  @IsInstant()
  scheduledTime!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  expectedTime?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsText(1, 8)
  scheduledPlatform?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsText(1, 8)
  platform?: string | null;

  @IsOptional()
  @IsBoolean()
  cancelled?: boolean;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsText(1, 200)
  cancelReason?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsText(1, 200, { each: true })
  remarks?: string[];

  @IsOptional()
  @IsTextTranslations(200)
  textTranslations?: Record<string, Record<string, string>>;
}
