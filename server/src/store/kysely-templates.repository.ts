import type { Kysely } from 'kysely';
import type { TemplateUse, TextTemplate } from '#shared/templates';
import type { AlertSeverity } from '#shared/board';
import { TemplatesRepository } from '../templates/templates.repository';
import type { Database } from './database';

export class KyselyTemplatesRepository extends TemplatesRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async list(): Promise<TextTemplate[]> {
    const rows = await this.db.selectFrom('templates').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      use: r.use as TemplateUse,
      severity: r.severity as AlertSeverity | null,
      texts: JSON.parse(r.texts) as Record<string, string>,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
  }

  async save(t: TextTemplate): Promise<boolean> {
    const values = {
      name: t.name,
      use: t.use,
      severity: t.severity,
      texts: JSON.stringify(t.texts),
      updated_at: t.updatedAt,
      updated_by: t.updatedBy,
    };
    const existing = await this.db.selectFrom('templates').select('id').where('id', '=', t.id).executeTakeFirst();
    await this.db
      .insertInto('templates')
      .values({ id: t.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    return existing === undefined;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('templates').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
