import type { Kysely } from 'kysely';

/** A departure's reason and remarks in other languages (`Departure.textTranslations`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('departures').addColumn('text_translations', 'text').execute();
}
