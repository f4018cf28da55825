import type { AlertSeverity } from '#shared/board';
import type { TemplateUse, TextTemplate } from '#shared/templates';
import type { Instant } from '../../common/dto/instant';

export class TextTemplateDto implements TextTemplate {
  id!: string;
  name!: string;
  use!: TemplateUse;
  severity!: AlertSeverity | null;
  texts!: Record<string, string>;
  updatedAt!: Instant;
  updatedBy!: string;
}
