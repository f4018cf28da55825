import { closeSync, fdatasync, openSync } from 'node:fs';
import type SqliteDatabase from 'better-sqlite3';
import { type Driver, SqliteDialect, SqliteDriver, type SqliteDialectConfig } from 'kysely';

/** Makes what was committed durable; resolves once it is on disk. */
export type SyncToDisk = () => Promise<void>;

/** What moves the WAL into the database file (SqliteCheckpointer), seen from the store's connection. */
export interface WalCheckpoints {
  /** Resolves once all of the WAL is in the database file; the connection is held meanwhile. */
  drain(): Promise<void>;
  /** Stops checkpointing; the connection is closed after it. */
  close(): Promise<void>;
}

/**
 * At most this long between drains while writes come in. The WAL then holds about this much of
 * writing (~30–60 MB at a core's full write rate), and each drain waits only for the tail the
 * worker has not copied yet (it keeps up on its own between drains).
 */
const DRAIN_EVERY_MS = 1000;

/**
 * An fdatasync of the WAL on libuv's thread pool: the bytes of every commit so far reach the disk
 * while the event loop serves streams and requests. (An fsync of any descriptor of a file flushes
 * that file; SQLite keeps the -wal file for as long as the database is open.)
 */
export function walSync(walPath: string): SyncToDisk & { close(): void } {
  let fd: number | undefined;
  const sync = (() =>
    new Promise<void>((resolve, reject) => {
      if (fd === undefined) {
        try {
          fd = openSync(walPath, 'r');
        } catch (error) {
          // No WAL yet: nothing was ever written to it, so there is nothing to sync.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve();
          return reject(error);
        }
      }
      fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    })) as SyncToDisk & { close(): void };
  sync.close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return sync;
}

/**
 * The SQLite dialect, with every commit on disk before the store's caller hears of it.
 *
 * `synchronous = FULL` made SQLite fsync the WAL inside each COMMIT, on the event loop: every
 * screen's stream and every request stood still for the disk (~15 ms a batch; longer when the disk
 * is busy). Here SQLite commits with `synchronous = NORMAL` (no fsync at commit in WAL mode) and
 * the WAL is synced on the thread pool before the connection is released: the one connection stays
 * held until then, so no read or write of the store sees a change that is not yet on disk, and no
 * caller (an API answer, a publish to screens) goes on before it is. The guarantee is FULL's; only
 * the thread that waits for the disk changed.
 */
export class DurableSqliteDialect extends SqliteDialect {
  /**
   * `database` is what Kysely prepares statements on (it may cache them); `sqlite` the connection
   * itself; `checkpoints` what moves its WAL into the file (stopped before the connection is closed).
   */
  constructor(
    private readonly durableConfig: SqliteDialectConfig,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly sync: SyncToDisk,
    private readonly checkpoints: WalCheckpoints,
  ) {
    super(durableConfig);
  }

  override createDriver(): Driver {
    return new DurableSqliteDriver(this.durableConfig, this.sqlite, this.sync, this.checkpoints);
  }
}

class DurableSqliteDriver extends SqliteDriver {
  /** `total_changes()` when the WAL was last synced: more since then means a commit to sync. */
  private synced = 0;
  /** `total_changes()` at the last drain, and when it was. */
  private drained = 0;
  private drainedAt = Date.now();
  private readonly totalChanges: SqliteDatabase.Statement;

  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly sync: SyncToDisk,
    private readonly checkpoints: WalCheckpoints,
  ) {
    super(config);
    this.totalChanges = sqlite.prepare('select total_changes()').pluck();
  }

  override async destroy(): Promise<void> {
    await this.checkpoints.close();
    await super.destroy();
  }

  override async releaseConnection(): Promise<void> {
    try {
      if (!this.sqlite.inTransaction) {
        const changes = this.totalChanges.get() as number;
        if (changes !== this.synced) {
          await this.sync();
          this.synced = changes;
        }
        // Still holding the connection: no write begins until the WAL is all in the file, so the next one starts it over.
        if (changes !== this.drained && Date.now() - this.drainedAt >= DRAIN_EVERY_MS) {
          await this.checkpoints.drain();
          this.drained = changes;
          this.drainedAt = Date.now();
        }
      }
    } finally {
      await super.releaseConnection();
    }
  }
}
