import { type Kysely, Migrator } from 'kysely';
import type { Database } from './database';
import { migrationProvider } from './migrations';

/** Brings any store's schema up to date; a failed migration stops start-up with its name. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
}
