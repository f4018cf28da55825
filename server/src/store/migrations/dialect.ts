import { PostgresAdapter } from 'kysely';

/** Migrations are shared by both engines; the few column types that differ ask which one runs them. */
export function isPostgres(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
