// The @nestjs/swagger versions of the mapped types also carry the picked fields' OpenAPI metadata.
import { PartialType, PickType } from '@nestjs/swagger';
import { Equals, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import type { PatchDepartureBody } from '#shared/api';
import { IsInstant } from '../../common/is-instant';
import { PutDepartureDto } from './put-departure.dto';

/** The fields an operator may change, validated exactly as in a PUT, plus a delay in minutes. */
export class PatchDepartureDto
  extends PartialType(
    PickType(PutDepartureDto, ['expectedTime', 'platform', 'cancelled', 'cancelReason', 'remarks', 'textTranslations'] as const),
  )
  implements PatchDepartureBody
{
  @IsOptional()
  @IsInt({ message: 'delayMinutes must be a whole number of minutes' })
  @Min(-60)
  @Max(1440)
  delayMinutes?: number;

  @IsOptional()
  @IsInt({ message: 'addDelayMinutes must be a whole number of minutes' })
  @Min(-1440)
  @Max(1440)
  addDelayMinutes?: number;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  overrideUntil?: string | null;

  @IsOptional()
  @Equals(true, { message: 'releaseOverride can only be true' })
  releaseOverride?: boolean;
}
