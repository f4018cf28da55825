import { IsIn, IsISO8601, IsOptional, ValidateIf } from 'class-validator';
import { IsText } from '../../common/is-text';
import type { PostAlertBody } from '#shared/api';
import type { AlertSeverity } from '#shared/board';
import { ISO_INSTANT } from '../../departures/dto/put-departure.dto';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'severe'];

export class PostAlertDto implements PostAlertBody {
  @IsIn(ALERT_SEVERITIES, { message: `severity must be one of: ${ALERT_SEVERITIES.join(', ')}` })
  severity!: AlertSeverity;

  @IsText(1, 500)
  text!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601(ISO_INSTANT, { message: 'validFrom must be an ISO 8601 date-time with a UTC offset, or null' })
  validFrom?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601(ISO_INSTANT, { message: 'validUntil must be an ISO 8601 date-time with a UTC offset, or null' })
  validUntil?: string | null;
}
