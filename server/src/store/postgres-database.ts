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
  // An idle client losing its connection (a database restart) is not an error of any request.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  return db;
}
