import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Database } from './database';
import { migrate } from './migrate';

/** Connections per instance: writes are serialized per instance, reads (snapshots, resumes) share the rest. */
const POOL_SIZE = 10;

/**
 * Opens the shared PostgreSQL store at `url` and brings its schema up to date. Instances starting
 * together are safe: Kysely's migrator takes a lock in the database, so each migration runs once.
 */
export async function openPostgresDatabase(url: string): Promise<Kysely<Database>> {
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    // Fail fast while the database is down, so a write answers 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  // A connection lost while idle, or while a query runs (which then fails with its own error and
  // becomes a 503), must not crash the process as an unhandled 'error' event.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  return db;
}
