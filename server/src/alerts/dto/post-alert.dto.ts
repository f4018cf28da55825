import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { IsInstant } from '../../common/is-instant';
import { IsText } from '../../common/is-text';
import { IsTranslations } from './is-translations';
import type { PostAlertBody } from '#shared/api';
import type { AlertSeverity } from '#shared/board';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'severe'];

export class PostAlertDto implements PostAlertBody {
  @IsIn(ALERT_SEVERITIES, { message: `severity must be one of: ${ALERT_SEVERITIES.join(', ')}` })
  severity!: AlertSeverity;

  @IsText(1, 500)
  text!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  validFrom?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  validUntil?: string | null;

  @IsOptional()
  @IsTranslations(500)
  translations?: Record<string, string>;
}
