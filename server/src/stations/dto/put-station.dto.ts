import { IsText } from '../../common/is-text';
import type { PutStationBody } from '#shared/api';
import { IsTimeZone } from '../../common/is-time-zone';

export class PutStationDto implements PutStationBody {
  @IsText(1, 120)
  name!: string;

  @IsTimeZone()
  timezone!: string;
}
