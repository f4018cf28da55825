import type { Kysely } from 'kysely';

/** The SIRI Lite URLs a feed's poller pulls (`Feed.siriEtUrl`, `Feed.siriSxUrl`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('siri_et_url', 'text').execute();
  await db.schema.alterTable('feeds').addColumn('siri_sx_url', 'text').execute();
}
