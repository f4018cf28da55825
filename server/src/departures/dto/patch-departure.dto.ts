import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsText } from '../../common/is-text';
import type { PatchDepartureBody } from '#shared/api';
import { ISO_INSTANT } from './put-departure.dto';

export class PatchDepartureDto implements PatchDepartureBody {
  @IsOptional()
  @IsInt({ message: 'delayMinutes must be a whole number of minutes' })
  @Min(-60)
  @Max(1440)
  delayMinutes?: number;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601(ISO_INSTANT, { message: 'expectedTime must be an ISO 8601 date-time with a UTC offset, or null' })
  @Matches(/(Z|[+-]\d\d:?\d\d)$/, { message: 'expectedTime must include a UTC offset ("Z" or "+01:00")' })
  expectedTime?: string | null;

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
}
