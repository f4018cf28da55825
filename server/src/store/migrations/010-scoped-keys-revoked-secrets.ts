import { type Kysely, sql } from 'kysely';

/**
 * Idempotency keys belong to the caller who sent them (`scope`: principal kind and id), so one
 * caller's key never answers or blocks another's. A key is claimed before the work starts and
 * marked `applied` in the board change's own transaction. Keys live a day: the old, unscoped
 * ones are dropped rather than guessed an owner.
 *
 * Revoked token secrets are remembered by hash, so a revoked bootstrap token configured again
 * (after a rotation, too) stays revoked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('applied', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'integer')
    .addColumn('body', 'text')
    .addColumn('etag', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_by_age').on('idempotency_keys').column('created_at').execute();
  await db.schema
    .createTable('revoked_secrets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('revoked_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into revoked_secrets (token_hash, revoked_at) select token_hash, revoked_at from api_tokens where revoked_at is not null`.execute(
    db,
  );
}
