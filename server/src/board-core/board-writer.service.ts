import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics.service';
import { ApiException } from '../common/api-exception';
import { StaleWriteError } from '../store/append-changes';
import { type BoardChange, BoardRepository, type ChangeAuthor, type StoredEvent } from '../store/board.repository';
import { BoardBus } from './board-bus.service';
import { LoadMonitor } from './load-monitor';
import { WriteQueue, type WriteQueueState } from './write-queue';
import type { WriteContext } from './write-context';

/** Tries at a write that keeps meeting rows changed by other instances meanwhile. */
const MAX_ATTEMPTS = 10;

/** Changes that may wait for the store when no configuration is given (tests that build the writer by hand). */
const DEFAULT_QUEUE_LIMIT = 5_000;

/**
 * Stores a change and hands it to the screens; only usable inside `BoardWriter.transact`. `author`
 * overrides the write's own for this change (an undo names the entry it undoes).
 */
export type AppendChange = (stationId: string, change: BoardChange, author?: ChangeAuthor) => Promise<StoredEvent>;
/** Stores many changes in one transaction (all or none), then hands them to the screens. */
export type AppendChanges = (changes: Array<{ stationId: string; change: BoardChange; undoOf?: number }>) => Promise<StoredEvent[]>;
/**
 * Runs a store write that appends changes in its own transaction together with other data (a
 * schedule import), then hands them to the screens. `write` gets the write's author to record.
 */
export type CommitChanges = (write: (author: ChangeAuthor) => Promise<StoredEvent[]>) => Promise<StoredEvent[]>;
/** A write: reads, rules and the changes it stores, run again on fresh reads if another instance got in between. */
export type WriteTask<T> = (append: AppendChange, appendAll: AppendChanges, commit: CommitChanges) => Promise<T>;

/**
 * The single write path for boards. Writes run one at a time, so a read-modify-write (a PATCH)
 * sees no interleaved change, and each change is published right after its commit, so every
 * screen receives a station's changes in `seq` order. (SQLite has one writer anyway.) They wait
 * in a bounded queue (`WRITE_QUEUE_LIMIT` changes): past it, or while this instance is behind
 * (`WRITE_MAX_LAG_MS`), a write gets 503 `overloaded`.
 */
@Injectable()
export class BoardWriter {
  private readonly queue: WriteQueue;

  constructor(
    private readonly repository: BoardRepository,
    private readonly bus: BoardBus,
    @Optional() @Inject(Metrics) private readonly metrics: Metrics | null = null,
    @Optional() @Inject(APP_CONFIG) config: AppConfig | null = null,
    @Optional() @Inject(LoadMonitor) load: LoadMonitor | null = null,
  ) {
    this.queue = new WriteQueue(
      config?.writeQueueLimit ?? DEFAULT_QUEUE_LIMIT,
      () => load?.behind ?? false,
      (reason) => metrics?.writesRefused.inc({ reason }),
      (seconds) => metrics?.writeWait.observe(seconds),
    );
    if (metrics) {
      metrics.onScrape(metrics.writeQueueChanges, (gauge) => gauge.set(this.queue.state.changes));
      metrics.onScrape(metrics.writeQueueOldestWait, (gauge) => gauge.set(this.queue.state.oldestWaitSeconds));
    }
  }

  /**
   * Queues a write of about `weight` changes (a batch: its updates; 1 otherwise), or refuses it at
   * once with 503 when the queue has no room for it. Every change it stores is recorded as
   * `context.author`'s, and the first carries `context.claim` into its transaction.
   */
  transact<T>(context: WriteContext, task: WriteTask<T>, weight = 1): Promise<T> {
    // Every change of this write is recorded as part of it, so one undo takes them all back.
    const write = { ...context, author: { ...context.author, write: randomUUID() } };
    return this.queue.run(weight, () => this.attempt(write, task, 1));
  }

  /** What waits for the store now. */
  get queueState(): WriteQueueState {
    return this.queue.state;
  }

  /**
   * Runs the task; when another instance changed a row it read meanwhile (`StaleWriteError`, which
   * rolled the write back), runs it again on fresh reads. Within one instance this never happens.
   */
  private async attempt<T>(context: WriteContext, task: WriteTask<T>, attempt: number): Promise<T> {
    try {
      return await task(
        (stationId, change, author) => this.append(author ? { ...context, author } : context, stationId, change),
        (changes) => this.appendAll(context, changes),
        (write) => this.commit(context, write),
      );
    } catch (error) {
      if (!(error instanceof StaleWriteError)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ApiException(
          HttpStatus.CONFLICT,
          'conflict',
          'The departure kept changing while this change was being made; nothing was changed, try again',
        );
      }
      // A random pause, so two instances retrying together do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      return this.attempt(context, task, attempt + 1);
    }
  }

  private async append(context: WriteContext, stationId: string, change: BoardChange): Promise<StoredEvent> {
    const [stored] = await this.appendAll(context, [{ stationId, change }]);
    return stored;
  }

  private async commit(context: WriteContext, write: (author: ChangeAuthor) => Promise<StoredEvent[]>): Promise<StoredEvent[]> {
    const stored = await write(context.author);
    for (const event of stored) this.bus.publish(event);
    return stored;
  }

  private async appendAll(
    context: WriteContext,
    changes: Array<{ stationId: string; change: BoardChange; undoOf?: number }>,
  ): Promise<StoredEvent[]> {
    if (changes.length === 0) return [];
    const claim = context.claim?.pending();
    const append = () => this.repository.appendAll(changes, context.author, claim);
    const stored = await (this.metrics ? this.metrics.timeStore('append', append) : append());
    if (claim) context.claim!.markApplied();
    for (const event of stored) this.bus.publish(event);
    return stored;
  }
}
