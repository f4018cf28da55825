import type { Kysely } from 'kysely';

/** An operator's hold on a departure's real-time fields against feed updates (JSON, or null). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('departures').addColumn('override', 'text').execute();
}
