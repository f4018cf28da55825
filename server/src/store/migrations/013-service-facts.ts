import type { Kysely } from 'kysely';

/**
 * What a feed knows of a service beyond its times: its train number, the stops it skips today,
 * where it ends early, and whether it replaces another (`Departure.trainNumber`, `skippedStops`,
 * `shortenedAt`, `replacement`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('departures').addColumn('train_number', 'text').execute();
  await db.schema
    .alterTable('departures')
    .addColumn('skipped_stops', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('departures').addColumn('shortened_at', 'text').execute();
  await db.schema
    .alterTable('departures')
    .addColumn('replacement', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
