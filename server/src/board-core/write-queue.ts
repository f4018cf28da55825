import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/api-exception';

/** Writes of at most this many changes are an operator's or a small feed's: they get the reserve. */
export const SMALL_WRITE = 10;
/** Share of the limit kept for small writes (at least `MIN_RESERVE` changes), so a storm of batches cannot lock an operator out. */
const RESERVE_SHARE = 0.1;
const MIN_RESERVE = 10;
/** Weight of the newest measurements in the time-per-change estimate behind `Retry-After`. */
const ESTIMATE_WEIGHT = 0.2;
const MAX_RETRY_AFTER_SECONDS = 30;

/** What the queue holds now, for `/metrics` and `/api/health`. */
export interface WriteQueueState {
  /** Writes waiting or running. */
  writes: number;
  /** Their changes (a batch counts its updates). */
  changes: number;
  /** How long the oldest waiting write has waited, in seconds (0 when none waits). */
  oldestWaitSeconds: number;
}

interface Waiting {
  weight: number;
  since: number;
}

/**
 * The board writes of this instance, one at a time (a read-modify-write then sees no interleaved
 * change), in a queue bounded by the changes it holds. A write that does not fit is refused
 * with 503 `overloaded` and a `Retry-After` of about the time the queue takes to drain, before any
 * work is done for it: the backlog, and so every write's wait, stays bounded instead of growing
 * for as long as more is offered than the store can take. Writes of `SMALL_WRITE` changes or
 * fewer have a reserve of their own above the limit, so an operator's change to a quiet station still gets
 * in while feeds' batches for another are being refused. Larger writes are also refused while the
 * instance is `behind` (see LoadMonitor): with the embedded store, writes wait in the sockets, not here.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Set<Waiting>();
  private held = 0;
  /** Of `held`, the changes of small writes. */
  private heldSmall = 0;
  private writes = 0;
  /** Measured time per change of the writes done so far, in ms (EWMA). */
  private msPerChange = 0.1;

  constructor(
    private readonly limit: number,
    /** Whether the instance is behind (its event loop late): then only small writes are taken. */
    private readonly behind: () => boolean = () => false,
    private readonly onRefused: (reason: 'queue_full' | 'behind') => void = () => undefined,
    private readonly onWaited: (seconds: number) => void = () => undefined,
  ) {}

  /** Runs `task` after every write admitted before it; throws 503 at once when `weight` changes do not fit. */
  run<T>(weight: number, task: () => Promise<T>): Promise<T> {
    const size = Math.max(1, weight);
    this.admit(size);
    const entry: Waiting = { weight: size, since: performance.now() };
    const small = size <= SMALL_WRITE;
    this.waiting.add(entry);
    this.held += size;
    if (small) this.heldSmall += size;
    this.writes++;
    const run = this.tail.then(async () => {
      this.waiting.delete(entry);
      const started = performance.now();
      this.onWaited((started - entry.since) / 1000);
      try {
        return await task();
      } finally {
        this.held -= size;
        if (small) this.heldSmall -= size;
        this.writes--;
        const perChange = (performance.now() - started) / size;
        this.msPerChange += ESTIMATE_WEIGHT * (perChange - this.msPerChange);
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  get state(): WriteQueueState {
    let oldest = Infinity;
    for (const entry of this.waiting) oldest = Math.min(oldest, entry.since);
    return { writes: this.writes, changes: this.held, oldestWaitSeconds: oldest === Infinity ? 0 : (performance.now() - oldest) / 1000 };
  }

  /**
   * A write larger than the limit still runs when nothing waits: refusing it would refuse it
   * forever. Small writes are never refused for being behind: one is cheap, and it is an
   * operator's or a quiet station's.
   */
  private admit(weight: number): void {
    const small = weight <= SMALL_WRITE;
    if (!small && this.behind()) {
      throw this.refusal(
        'behind',
        'The server is behind with the changes it was sent',
        Math.max(1, Math.ceil((this.held * this.msPerChange) / 1000)),
      );
    }
    if (this.held === 0 || this.held + weight <= this.limit) return;
    if (small && this.heldSmall + weight <= Math.max(MIN_RESERVE, Math.ceil(this.limit * RESERVE_SHARE))) return;
    throw this.refusal(
      'queue_full',
      `The server is storing more changes than it can keep up with (${this.held} waiting, WRITE_QUEUE_LIMIT ${this.limit})`,
      Math.ceil((this.held * this.msPerChange) / 1000),
    );
  }

  private refusal(reason: 'queue_full' | 'behind', why: string, drainSeconds: number): ApiException {
    this.onRefused(reason);
    return Object.assign(
      new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'overloaded', `${why}; nothing was changed, retry after Retry-After seconds`),
      {
        retryAfterSeconds: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, drainSeconds)),
      },
    );
  }
}
