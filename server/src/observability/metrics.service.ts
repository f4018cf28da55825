import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this instance (`GET /metrics`). The hot path only bumps counters once per
 * event, never per screen; gauges that describe state (screens, feed ages) are read when scraped.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly eventsSent = new Counter({
    name: 'headway_events_sent_total',
    help: 'Board events handed to screens (one per event and screen)',
    registers: [this.registry],
  });

  readonly deliveryLag = new Histogram({
    name: 'headway_delivery_lag_seconds',
    help: "From a change being stored (on any instance) to its hand-off to this instance's screens",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly slowScreensCutOff = new Counter({
    name: 'headway_screens_cut_off_total',
    help: 'Screens disconnected because they stopped reading (they reconnect and resume)',
    registers: [this.registry],
  });

  readonly streamsRefused = new Counter({
    name: 'headway_streams_refused_total',
    help: 'Event streams refused because their client address already had STREAMS_PER_CLIENT open',
    registers: [this.registry],
  });

  readonly storeLatency = new Histogram({
    name: 'headway_store_seconds',
    help: "Store operations: append (a write's transaction), snapshot and replay (a stream's start)",
    labelNames: ['op'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly largeBodyReads = new Gauge({
    name: 'headway_large_body_reads',
    help: 'Request bodies over 64 KiB being read now (at most BODY_READS_AT_ONCE)',
    registers: [this.registry],
  });

  readonly largeBodiesRefused = new Counter({
    name: 'headway_large_bodies_refused_total',
    help: 'Large request bodies refused with 503 because BODY_READS_AT_ONCE were already being read',
    registers: [this.registry],
  });

  readonly writeQueueChanges = new Gauge({
    name: 'headway_write_queue_changes',
    help: 'Changes waiting for the store or being stored (at most WRITE_QUEUE_LIMIT, plus a reserve for small writes)',
    registers: [this.registry],
  });

  readonly writeQueueOldestWait = new Gauge({
    name: 'headway_write_queue_oldest_wait_seconds',
    help: 'How long the oldest write still waiting for the store has waited (0 when none waits)',
    registers: [this.registry],
  });

  readonly writeWait = new Histogram({
    name: 'headway_write_wait_seconds',
    help: 'How long each write waited for the ones before it, before it ran',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly writesRefused = new Counter({
    name: 'headway_writes_refused_total',
    help: 'Writes refused with 503 overloaded: the write queue was full (queue_full), or the instance was behind (behind)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly screens = new Gauge({
    name: 'headway_screens',
    help: 'Screens connected to this instance, per station',
    labelNames: ['station'] as const,
    registers: [this.registry],
  });

  readonly feedDataAge = new Gauge({
    name: 'headway_feed_data_age_seconds',
    help: "Age of each realtime feed's latest data (its own timestamp)",
    labelNames: ['feed'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'headway_' });
  }

  /** Times a store operation. */
  async timeStore<T>(op: 'append' | 'snapshot' | 'replay' | 'feed', work: () => Promise<T>): Promise<T> {
    const end = this.storeLatency.startTimer({ op });
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** Sets how a state gauge is read at scrape time (the owners of the state register themselves). */
  onScrape(gauge: Gauge<string>, read: (gauge: Gauge<string>) => void): void {
    (gauge as unknown as { collect?: () => void }).collect = () => {
      gauge.reset();
      read(gauge);
    };
  }
}
