import { PartialType, PickType } from '@nestjs/mapped-types';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { PatchDepartureBody } from '#shared/api';
import { PutDepartureDto } from './put-departure.dto';

/** The fields an operator may change, validated exactly as in a PUT, plus a delay in minutes. */
export class PatchDepartureDto
  extends PartialType(PickType(PutDepartureDto, ['expectedTime', 'platform', 'cancelled', 'cancelReason', 'remarks'] as const))
  implements PatchDepartureBody
{
  @IsOptional()
  @IsInt({ message: 'delayMinutes must be a whole number of minutes' })
  @Min(-60)
  @Max(1440)
  delayMinutes?: number;
}
