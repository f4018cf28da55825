import type { Kysely } from 'kysely';

/**
 * Feed pulls: the request headers a feed's URLs need (an agency's API key, as a JSON object of
 * name to value, a secret never shown again), and who set up the pull (`{"kind","id"}` of a user
 * or token), whose permissions the pulled data acts with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('request_headers', 'text').execute();
  await db.schema.alterTable('feeds').addColumn('configured_by', 'text').execute();
}
