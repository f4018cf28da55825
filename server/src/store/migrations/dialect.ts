import { type Kysely, PostgresAdapter } from 'kysely';

/** Migrations are shared by both engines; the few column types that differ ask which one runs them. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
