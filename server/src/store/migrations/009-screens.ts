import type { Kysely } from 'kysely';

/** The screen fleet: each station screen's latest report, and a pending request to reload. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('screens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('connected', 'integer', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('data_age_seconds', 'integer')
    .addColumn('user_agent', 'text')
    .addColumn('reload_requested_at', 'text')
    .execute();
  await db.schema.createIndex('screens_by_station').on('screens').column('station_id').execute();
}
