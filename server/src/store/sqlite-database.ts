import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './database';
import { migrate } from './migrate';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { DurableSqliteDialect, type SyncToDisk, walSync } from './sqlite-durability';

/**
 * Opens (creating if needed) the embedded store in `dataDir` and brings its schema up to date.
 * WAL lets screens' reads run beside writes. A change is acknowledged only once it is durable:
 * each commit's WAL is synced to disk before the store lets anyone go on (see DurableSqliteDialect,
 * which does it off the event loop), and the WAL is checkpointed on a worker thread, not inside a
 * COMMIT (SqliteCheckpointer). `sync` replaces the disk sync, for tests of the guarantee.
 */
export async function openSqliteDatabase(dataDir: string, sync?: SyncToDisk): Promise<Kysely<Database>> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'headway.db');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL: no fsync inside COMMIT; the dialect syncs the WAL after it instead, on the thread pool.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // When the WAL starts over after a burst of writes, its file is cut back to this (it is rewritten in place, not regrown).
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const checkpointer = new SqliteCheckpointer(file, sqlite);
  const wal = walSync(`${file}-wal`);
  const database = withStatementCache(sqlite, () => wal.close());
  const db = new Kysely<Database>({
    dialect: new DurableSqliteDialect({ database }, sqlite, sync ?? wal, checkpointer),
  });
  await migrate(db);
  return db;
}

/** Bytes of WAL file kept when the WAL starts over. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** Prepared statements kept, by SQL text: enough for every query shape the repositories build. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running a small one. The store's
 * queries have a few hundred shapes, so each is prepared once and reused (statements run to
 * completion synchronously, so one is never in use twice at a time).
 */
function withStatementCache(
  sqlite: SqliteDatabase.Database,
  onClose: () => void,
): { prepare(sql: string): SqliteDatabase.Statement; close(): void } {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close: () => {
      onClose();
      sqlite.close();
    },
  };
}
