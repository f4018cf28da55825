import type { Kysely } from 'kysely';

/** Each audit entry names the write it belongs to, so an undo takes back an action on many rows as one step. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('write_id', 'text').execute();
}
