import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** How often the delay histogram is read and started anew. */
const WINDOW_MS = 1_000;
/** Finer than any lag worth acting on, coarse enough to cost nothing. */
const RESOLUTION_MS = 20;
const DEFAULT_MAX_LAG_MS = 500;

/**
 * Whether this instance is behind: its event loop ran late all through the last second. With the
 * embedded store every write runs on the event loop, so when more is offered than it can do,
 * requests wait unread in the sockets, where no queue of ours can see or bound them; the loop's
 * own delay shows it. "All through" is the shortest delay seen, not the longest: one long task
 * (a schedule import) delays a single turn, an overload delays every turn. One histogram and one
 * timer for the process, none per request.
 */
@Injectable()
export class LoadMonitor implements OnModuleDestroy {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  /** The shortest delay of the last window, in ms; a window without one turn was late throughout. */
  private lastWindowMs = 0;
  readonly maxLagMs: number;

  constructor(@Optional() @Inject(APP_CONFIG) config: AppConfig | null = null) {
    this.maxLagMs = config?.writeMaxLagMs ?? DEFAULT_MAX_LAG_MS;
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.lastWindowMs = this.shortestMs();
      this.histogram.reset();
    }, WINDOW_MS);
    this.timer.unref();
  }

  /** How late the event loop has been at least, in ms, over the last window and the current one. */
  get lagMs(): number {
    return this.histogram.count === 0 ? this.lastWindowMs : Math.min(this.lastWindowMs, this.shortestMs());
  }

  get behind(): boolean {
    return this.lagMs > this.maxLagMs;
  }

  private shortestMs(): number {
    return this.histogram.count === 0 ? Infinity : this.histogram.min / 1e6;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
