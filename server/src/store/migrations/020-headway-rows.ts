import type { Kysely } from 'kysely';

/** A headway-based service's row (GTFS `frequencies.txt`, `exact_times=0`): "every N min" (`Departure.headwayMinutes`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('departures').addColumn('headway_minutes', 'integer').execute();
}
