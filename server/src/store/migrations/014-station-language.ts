import type { Kysely } from 'kysely';

/** The language a station's texts are written in (`Station.language`); null: the default. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stations').addColumn('language', 'text').execute();
}
