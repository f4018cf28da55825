import type { TextTemplate } from '#shared/templates';
import type { ChangeAuthor } from '../store/board.repository';

/**
 * The templates, stored: the only code that reads or writes them. Each write records its audit
 * entry (who, and the template before and after) in the write's own transaction.
 */
export abstract class TemplatesRepository {
  /** By name. */
  abstract list(): Promise<TextTemplate[]>;
  /** Creates or replaces one; answers the template it replaced, `null` when it was created. */
  abstract save(template: TextTemplate, author: ChangeAuthor): Promise<TextTemplate | null>;
  /** Deletes one; answers the template deleted, `null` when there was none (and nothing is recorded). */
  abstract remove(id: string, author: ChangeAuthor): Promise<TextTemplate | null>;
}
