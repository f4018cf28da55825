import type { Kysely } from 'kysely';

/**
 * GTFS feeds: each feed's imported schedule (the runs of its trips, for matching realtime data),
 * its realtime sources and their health; stations know the feed they came from; alerts carry
 * their text in other languages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('station_prefix', 'text', (c) => c.notNull())
    // Stations, stops and routes of the last import as JSON: small, and read whole.
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('schedule_version', 'text')
    .addColumn('window_from', 'text')
    .addColumn('window_days', 'integer')
    .addColumn('imported_at', 'text')
    .addColumn('trip_updates_url', 'text')
    .addColumn('alerts_url', 'text')
    .addColumn('poll_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('feed_trips')
    .addColumn('feed_id', 'text', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('trip_id', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('trip', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_trips_pk', ['feed_id', 'trip_id', 'service_date'])
    .execute();
  await db.schema
    .createTable('feed_sources')
    .addColumn('feed_id', 'text', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('data_at', 'text')
    .addColumn('stats', 'text')
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addPrimaryKeyConstraint('feed_sources_pk', ['feed_id', 'kind'])
    .execute();
  await db.schema.alterTable('stations').addColumn('feed_id', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('translations', 'text').execute();
}
