import type { Kysely } from 'kysely';
import { isPostgres } from './dialect';

/**
 * Schedules that stay current: where a feed's GTFS zip is published (`Feed.scheduleUrl`, fetched
 * again on a schedule), and the last zip imported, kept so the window of service days can roll
 * forward every day from it (when it was imported for today, `window_rolls`; a window chosen with
 * `from` stays as chosen). The zip has a table of its own, so reading the feeds never reads megabytes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('schedule_url', 'text').execute();
  await db.schema
    .alterTable('feeds')
    .addColumn('window_rolls', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('feed_schedule_zips')
    .addColumn('feed_id', 'text', (c) => c.primaryKey().references('feeds.id').onDelete('cascade'))
    .addColumn('zip', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
}
