import type { Kysely, Selectable, Transaction } from 'kysely';
import type { TemplateChangeType, TemplateUse, TextTemplate } from '#shared/templates';
import type { AlertSeverity } from '#shared/board';
import { TemplatesRepository } from '../templates/templates.repository';
import type { ChangeAuthor } from './board.repository';
import type { Database, TemplateTable } from './database';

/**
 * What a template's audit entry stores as its station: templates serve every station, and a
 * station's filter or undo never matches this (station ids are non-empty slugs).
 */
export const NO_STATION = '';

export class KyselyTemplatesRepository extends TemplatesRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async list(): Promise<TextTemplate[]> {
    const rows = await this.db.selectFrom('templates').selectAll().orderBy('name').execute();
    return rows.map(toTemplate);
  }

  save(t: TextTemplate, author: ChangeAuthor): Promise<TextTemplate | null> {
    const values = {
      name: t.name,
      use: t.use,
      severity: t.severity,
      texts: JSON.stringify(t.texts),
      updated_at: t.updatedAt,
      updated_by: t.updatedBy,
    };
    return this.db.transaction().execute(async (trx) => {
      const before = await find(trx, t.id);
      await trx
        .insertInto('templates')
        .values({ id: t.id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await audit(trx, author, 'template-saved', t.id, before, t);
      return before;
    });
  }

  remove(id: string, author: ChangeAuthor): Promise<TextTemplate | null> {
    return this.db.transaction().execute(async (trx) => {
      const before = await find(trx, id);
      if (!before) return null;
      await trx.deleteFrom('templates').where('id', '=', id).execute();
      await audit(trx, author, 'template-deleted', id, before, null);
      return before;
    });
  }
}

async function find(trx: Transaction<Database>, id: string): Promise<TextTemplate | null> {
  const row = await trx.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTemplate(row) : null;
}

async function audit(
  trx: Transaction<Database>,
  author: ChangeAuthor,
  action: TemplateChangeType,
  id: string,
  before: TextTemplate | null,
  after: TextTemplate | null,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      // The wall clock, as a board change's entry has (append-changes): the log says when it was done.
      at: new Date().toISOString(),
      actor_kind: author.actor.kind,
      actor_id: author.actor.id,
      actor_name: author.actor.name,
      source: author.source,
      station_id: NO_STATION,
      action,
      target_id: id,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      // A station's log position; a template is in none.
      seq: 0,
      undo_of: null,
      write_id: author.write ?? null,
    })
    .execute();
}

function toTemplate(r: Selectable<TemplateTable>): TextTemplate {
  return {
    id: r.id,
    name: r.name,
    use: r.use as TemplateUse,
    severity: r.severity as AlertSeverity | null,
    texts: JSON.parse(r.texts) as Record<string, string>,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}
