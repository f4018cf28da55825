import { Matches } from 'class-validator';
import { STATION_ID } from '../../common/station-params';

export class TemplateParams {
  /**
   * The template's id, a lowercase slug.
   * @example "signal-failure"
   */
  @Matches(STATION_ID, { message: 'templateId must be a lowercase slug (a-z, 0-9, "-"), at most 64 characters' })
  templateId!: string;
}
