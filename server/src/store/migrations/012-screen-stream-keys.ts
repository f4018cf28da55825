import type { Kysely } from 'kysely';

/**
 * Each screen row names the stream it was last connected with (a hash of that stream's beacon
 * key), so an instance that does not hold the stream can still check a beacon against it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('screens').addColumn('stream_key', 'text').execute();
}
