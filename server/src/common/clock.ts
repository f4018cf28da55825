import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The boards' clock. Normally the wall clock; with `CLOCK` set, it starts at that instant and runs
 * on from there, so recorded feeds (a GTFS-Realtime capture from another day) can be replayed
 * against their timetable as if live. Screens follow it through the heartbeat's `serverTime`.
 * Security timings (sessions, tokens, rate limits) always use the wall clock. One per app, injected:
 * two apps in one process (tests) each keep their own.
 */
export class Clock {
  private readonly offsetMs: number;

  constructor(start: Date | null = null) {
    this.offsetMs = start === null ? 0 : start.getTime() - Date.now();
  }

  /** Now, on the boards' clock. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The app's clock, from `CLOCK`. */
export const CLOCK_PROVIDER: FactoryProvider<Clock> = {
  provide: Clock,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new Clock(config.clock),
};
