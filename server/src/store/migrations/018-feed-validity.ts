import type { Kysely } from 'kysely';

/** feed_info's validity of a feed's imported schedule (`Feed.scheduleValidity`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('schedule_validity', 'text').execute();
}
