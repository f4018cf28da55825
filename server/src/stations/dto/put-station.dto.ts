import { IsOptional, Matches } from 'class-validator';
import { LANGUAGE_TAG } from '#shared/language';
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

  /** @example "de" */
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag like "de" or "fr-CH"' })
  language?: string;
}
