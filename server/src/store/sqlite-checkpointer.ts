import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type SqliteDatabase from 'better-sqlite3';

/** How often the worker moves the WAL into the database file when nothing new came in. */
const CHECKPOINT_INTERVAL_MS = 1000;
/** How soon it goes again when commits came in since its last pass (so what is left for a drain stays small). */
const CATCH_UP_MS = 10;
/** How long a drain or closing waits for the worker before going on without it (a stuck worker must not hold the store). */
const WORKER_TIMEOUT_MS = 5000;

/**
 * The worker's code: its own connection to the store's file, and PASSIVE checkpoints (they wait
 * for no reader or writer): on a timer, and when the store asks for a drain. Inline, so it runs
 * the same from dist/ and under ts-jest; the driver's path comes from the main thread, so it
 * resolves the same module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// NORMAL: a checkpoint syncs the WAL before it and the database file after it, on this thread.
db.pragma('synchronous = NORMAL');
let frames = 0;
function checkpoint() {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  const grew = result.log > 0 && result.log !== frames;
  frames = result.log;
  return grew;
}
let timer = setTimeout(pass, workerData.intervalMs);
function pass() {
  let grew = false;
  try { grew = checkpoint(); } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
  timer = setTimeout(pass, grew ? workerData.catchUpMs : workerData.intervalMs);
}
parentPort.on('message', (message) => {
  if (message === 'drain') {
    try { checkpoint(); } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
    return parentPort.postMessage({ drained: true });
  }
  if (message !== 'close') return;
  clearTimeout(timer);
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
 * and this worker does it instead.
 *
 * A checkpoint alone never makes the WAL shorter: SQLite starts it over from the beginning only
 * when a write begins while all of it is in the database file. Under writes that follow each
 * other without a pause the worker never finishes between two of them, and the WAL grew for as
 * long as they came (550 MB in 10 s of ingest), each commit slower as it extended the file. So
 * the store `drain`s now and then: while it holds its connection (no write can begin) the worker
 * copies what is left since its last pass, and the next write starts the WAL over.
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
  /**
   * The drain in progress: the worker answers one at a time, in order. An answer that comes after
   * WORKER_TIMEOUT_MS ends the next drain early; that one only misses its chance to start the WAL over.
   */
  private draining?: Promise<void>;
  private drained?: () => void;

  constructor(
    file: string,
    private readonly sqlite: SqliteDatabase.Database,
  ) {
    sqlite.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs: CHECKPOINT_INTERVAL_MS, catchUpMs: CATCH_UP_MS },
    });
    // The store is closed explicitly; a test or a tool that forgets must still be able to exit.
    this.worker.unref();
    this.worker.on('message', (message: { error?: string; drained?: true }) => {
      if (message.error !== undefined) this.logger.warn(`Checkpointing the WAL failed: ${message.error}`);
      if (message.drained) this.drained?.();
    });
    this.worker.on('error', (error) => this.fallBack(error));
  }

  /**
   * Resolves once the worker has copied all of the WAL into the database file. The caller holds the
   * store's connection meanwhile, so nothing is appended and the next write starts the WAL over.
   * Writes wait for it: when they come faster than the disk takes checkpoints, they are held to
   * that pace (and the write queue's 503s say so) instead of the WAL growing without bound.
   */
  drain(): Promise<void> {
    if (this.failed || this.closed) return Promise.resolve();
    this.draining ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timeout);
        this.drained = undefined;
        this.draining = undefined;
        resolve();
      };
      const timeout = setTimeout(done, WORKER_TIMEOUT_MS);
      this.drained = done;
      this.worker.postMessage('drain');
    });
    return this.draining;
  }

  /** Stops the worker once its connection is closed, so the store's, closed after it, is the last and removes the WAL. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.failed) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timeout = setTimeout(() => void this.worker.terminate(), WORKER_TIMEOUT_MS);
    await exited;
    clearTimeout(timeout);
    this.drained?.();
  }

  private fallBack(error: Error): void {
    this.failed = true;
    this.drained?.();
    // A store closed while its worker was still starting (a short test, a tool) has nothing left to checkpoint.
    if (this.closed) return;
    this.logger.error(`The WAL checkpoint worker stopped (${error.message}); the store checkpoints on its own connection again`);
    if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
  }
}
