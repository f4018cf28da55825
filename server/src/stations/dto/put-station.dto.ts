import { IsString, Length } from 'class-validator';
import type { PutStationBody } from '#shared/api';
import { IsTimeZone } from '../../common/is-time-zone';

export class PutStationDto implements PutStationBody {
  @IsString()
  @Length(1, 120)
  name!: string;

  @IsTimeZone()
  timezone!: string;
}
