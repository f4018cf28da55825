import { IsText } from '../../common/is-text';
import type { PutStationBody } from '#shared/api';
import { IsTimeZone } from '../../common/is-time-zone';

export class PutStationDto implements PutStationBody {
  /** @example "Zürich HB" */
  @IsText(1, 120)
  name!: string;

  /**
   * IANA timezone the station's clocks and times are shown in.
   * @example "Europe/Zurich"
   */
  @IsTimeZone()
  timezone!: string;
}
