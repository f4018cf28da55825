import type { Kysely } from 'kysely';

/** Rows can be arrivals too, and carry the service's origin for arrival boards. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('departures')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('departure'))
    .execute();
  await db.schema.alterTable('departures').addColumn('origin', 'text').execute();
}
