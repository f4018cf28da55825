import type { Kysely } from 'kysely';

/** Undo: an entry made by undoing another names it, and an undone entry is marked so it is undone once. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('undo_of', 'integer').execute();
  await db.schema
    .alterTable('audit_log')
    .addColumn('undone', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
