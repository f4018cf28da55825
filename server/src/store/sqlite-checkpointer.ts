import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type SqliteDatabase from 'better-sqlite3';

/** How often the worker moves the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;
/** How long closing waits for a checkpoint in progress before the worker is stopped. */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * The worker's code: its own connection to the store's file, and a PASSIVE checkpoint (it waits
 * for no reader or writer) on a timer. Inline, so it runs the same from dist/ and
 * under ts-jest; the driver's path comes from the main thread, so it resolves the same module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// NORMAL: a checkpoint syncs the WAL before it and the database file after it, on this thread.
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints the embedded store's WAL on a thread of its own.
 *
 * SQLite's automatic checkpoint runs inside whichever COMMIT takes the WAL past 1,000 pages: on
 * the event loop, it copies the WAL into the database file and (with `synchronous = NORMAL`)
 * fsyncs both, so every stream and request stood still for the disk once every batch or two
 * (`npm run bench -- --only ingest`: 3,100–3,300 durable updates/s with it, 3,700–3,900 with this worker,
 * back to back). The store's connection therefore never checkpoints (`wal_autocheckpoint = 0`),
 * and this worker does it every second instead.
 *
 * Durability does not depend on it: a change is acknowledged once its WAL frames are synced (see
 * DurableSqliteDialect), and a checkpoint only copies synced frames into the database file. If the
 * worker fails, the connection checkpoints itself again, as SQLite does by default.
 */
export class SqliteCheckpointer {
  private readonly logger = new Logger('Store');
  private readonly worker: Worker;
  private failed = false;
  private closed = false;

  constructor(
    file: string,
    private readonly sqlite: SqliteDatabase.Database,
  ) {
    sqlite.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    // The store is closed explicitly; a test or a tool that forgets must still be able to exit.
    this.worker.unref();
    this.worker.on('message', (message: { error: string }) => this.logger.warn(`Checkpointing the WAL failed: ${message.error}`));
    this.worker.on('error', (error) => this.fallBack(error));
  }

  /** Stops the worker once its connection is closed, so the store's, closed after it, is the last and removes the WAL. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.failed) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timeout = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timeout);
  }

  private fallBack(error: Error): void {
    this.failed = true;
    // A store closed while its worker was still starting (a short test, a tool) has nothing left to checkpoint.
    if (this.closed) return;
    this.logger.error(`The WAL checkpoint worker stopped (${error.message}); the store checkpoints on its own connection again`);
    if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
  }
}
