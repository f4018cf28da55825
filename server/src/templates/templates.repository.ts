import type { TextTemplate } from '#shared/templates';

/** The templates, stored: the only code that reads or writes them. */
export abstract class TemplatesRepository {
  /** By name. */
  abstract list(): Promise<TextTemplate[]>;
  /** Creates or replaces one; `true` when it was created. */
  abstract save(template: TextTemplate): Promise<boolean>;
  /** `false` when there was none. */
  abstract remove(id: string): Promise<boolean>;
}
