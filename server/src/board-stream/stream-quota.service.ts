import { Inject, Injectable } from '@nestjs/common';
import { tooMany } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics.service';

/**
 * A refused screen is told to come back in this long. EventSource gives up on a 429, but our
 * screens retry by themselves (backing off up to 30 s), so this matches their longest wait.
 */
const RETRY_AFTER_SECONDS = 30;

/**
 * Caps the event streams open at once per client address (`STREAMS_PER_CLIENT`), so one client
 * cannot hold thousands of streams (each costs memory and a file descriptor) and slow every
 * screen. Only a count per address is kept: O(1) per connect, no timer per stream.
 */
@Injectable()
export class StreamQuota {
  private readonly open = new Map<string, number>();
  private readonly limit: number;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.streamsPerClient;
  }

  /**
   * Takes a slot for `address` until `lifetime` aborts (the stream ended however it ended, also
   * when it never started), or throws 429 when the address has none left. Releasing is tied to
   * the response's lifetime rather than the Observable's, since Nest never subscribes to a stream
   * whose client left while it was being set up.
   */
  take(address: string, lifetime: AbortSignal): void {
    if (lifetime.aborted) return;
    const count = this.open.get(address) ?? 0;
    if (count >= this.limit) {
      this.metrics.streamsRefused.inc();
      throw tooMany(
        'too_many_streams',
        `This address already has ${this.limit} event streams open; close one or try again in ${RETRY_AFTER_SECONDS} s`,
        RETRY_AFTER_SECONDS,
      );
    }
    this.open.set(address, count + 1);
    // An abort event fires once, so each slot is given back exactly once.
    lifetime.addEventListener('abort', () => this.release(address), { once: true });
  }

  private release(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count > 0) this.open.set(address, count);
    else this.open.delete(address);
  }
}
