import { randomBytes } from 'node:crypto';
import { Injectable, type Logger } from '@nestjs/common';
import { runEvery } from '../common/periodic-task';
import { LeasesRepository } from './leases.repository';

/**
 * Periodic jobs that change boards (roll-off, feed polling, log trimming, the demo simulator) run
 * on one instance at a time: each run first takes or renews the job's lease in the store. With one
 * instance it is always this one; when it stops, another takes over once the lease lapses.
 */
@Injectable()
export class Leases {
  /** This process, as a lease holder. */
  readonly holder = randomBytes(6).toString('hex');

  constructor(private readonly repository: LeasesRepository) {}

  /** Whether this instance runs `job` now; the lease lasts `ttlMs` (a few runs' worth) unless renewed. */
  async holds(job: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    return this.repository.acquireLease(job, this.holder, new Date(now.getTime() + ttlMs), now);
  }

  /** `runEvery`, but each run only on the instance holding the job's lease (kept for three intervals). */
  runEvery(job: string, ms: number, task: () => Promise<unknown>, logger: Logger, what: string): () => void {
    return runEvery(ms, async () => ((await this.holds(job, ms * 3)) ? task() : undefined), logger, what);
  }
}
