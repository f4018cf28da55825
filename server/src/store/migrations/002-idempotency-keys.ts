import type { Kysely } from 'kysely';

/** Remembered answers to writes sent with an `Idempotency-Key`, so a retried write is applied once. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('body', 'text')
    .addColumn('etag', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
