import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import type { AlertSeverity } from '#shared/board';
import type { PutTemplateBody, TemplateUse } from '#shared/templates';
import { IsText } from '../../common/is-text';
import { ALERT_SEVERITIES } from '../../alerts/dto/post-alert.dto';
import { IsTranslations } from '../../alerts/dto/is-translations';

export const TEMPLATE_USES: readonly TemplateUse[] = ['reason', 'remark', 'alert'];

export class PutTemplateDto implements PutTemplateBody {
  /** @example "Signal failure" */
  @IsText(1, 80)
  name!: string;

  @IsIn(TEMPLATE_USES, { message: `use must be one of: ${TEMPLATE_USES.join(', ')}` })
  use!: TemplateUse;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(ALERT_SEVERITIES, { message: `severity must be one of: ${ALERT_SEVERITIES.join(', ')}` })
  severity?: AlertSeverity | null;

  /**
   * The text by language tag; `en` is required (what a board without its language shows).
   * @example {"en": "Signal failure", "de": "Stellwerkstörung"}
   */
  @IsTranslations(500)
  texts!: Record<string, string>;
}
