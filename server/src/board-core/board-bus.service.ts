import {
  Inject,
  Injectable,
  Logger,
  type MessageEvent,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { formatEventId } from '#shared/board-event';
import { BoardRepository, type StoredEvent } from '../store/board.repository';
import { EventLogRepository } from './event-log.repository';
import { Metrics } from '../observability/metrics.service';
import { BUS_RELAY, BusRelay } from './bus-relay';
import { Sequencer } from './sequencer';

/** A stored change ready for the wire: the SSE message is built once and shared by every screen. */
export interface BusMessage {
  seq: number;
  message: MessageEvent & { data: string };
  /** When the change was stored (ms since the epoch, on the instance that stored it), for the delivery-lag metric. */
  at?: number;
}

/** Hears one station's changes; see `BoardBus.listen`. */
export type ChangeListener = (change: BusMessage) => void;

/** How often an instance compares its stations with the store while Redis is away, and while it is up (for a lost last change). */
const RESYNC_DOWN_MS = 2_000;
const RESYNC_UP_MS = 10_000;
/** Changes read from the store per station in one catch-up. */
const FILL_LIMIT = 5_000;

/**
 * Fan-out: one set of listeners per station, shared by all of its screens. Stations with no screen
 * hold no set, so memory follows what is being watched. A listener is a plain function, not an RxJS
 * subscriber: each of thousands of idle screens holds one for hours. With a relay (Redis, several instances),
 * this instance's changes go out to the others and theirs come in, through a `Sequencer` that
 * keeps each station's changes in order, once each, filling gaps from the store.
 */
@Injectable()
export class BoardBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BoardBus.name);
  private readonly stations = new Map<string, Set<ChangeListener>>();
  private readonly sequencer: Sequencer | null;
  private timer?: NodeJS.Timeout;
  private lastResync = 0;

  constructor(
    @Optional() @Inject(BUS_RELAY) private readonly relay: BusRelay | null = null,
    // Explicit tokens: a union type leaves Nest no type to inject by.
    @Optional() @Inject(BoardRepository) private readonly repository: BoardRepository | null = null,
    @Optional() @Inject(EventLogRepository) private readonly log: EventLogRepository | null = null,
    @Optional() @Inject(Metrics) private readonly metrics: Metrics | null = null,
  ) {
    if (metrics)
      metrics.onScrape(metrics.screens, (gauge) => this.stations.forEach((listeners, station) => gauge.set({ station }, listeners.size)));
    this.sequencer =
      relay && repository && log
        ? new Sequencer(
            (stationId, afterSeq) => this.readMissed(stationId, afterSeq),
            (stationId, message) => this.emit(stationId, message),
            (message) => this.logger.warn(message),
          )
        : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.relay || !this.sequencer || !this.log) return;
    await this.relay.start(
      (stationId, message) => this.sequencer!.accept(stationId, message),
      () => void this.resync(),
    );
    this.sequencer.start(await this.log.listHeads());
    // One timer per instance, not per screen.
    this.timer = setInterval(() => {
      const due = this.relay!.connected ? RESYNC_UP_MS : RESYNC_DOWN_MS;
      if (Date.now() - this.lastResync >= due) void this.resync();
    }, RESYNC_DOWN_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.relay?.close();
  }

  /** Called right after a change is durably stored, in `seq` order per station. */
  publish(stored: StoredEvent): void {
    const message: BusMessage = {
      seq: stored.event.seq,
      message: { type: stored.event.type, id: stored.id, data: stored.json },
      at: Date.now(),
    };
    if (!this.sequencer) return this.emit(stored.stationId, message);
    this.sequencer.accept(stored.stationId, message);
    this.relay!.send(stored);
  }

  /** The live changes of one station, from the moment of subscription. */
  changes(stationId: string): Observable<BusMessage> {
    return new Observable<BusMessage>((subscriber) => this.listen(stationId, (change) => subscriber.next(change)));
  }

  /**
   * Calls `listener` with each live change of one station, from now until the returned function is
   * called. One function listens once: give each listener a function of its own.
   */
  listen(stationId: string, listener: ChangeListener): () => void {
    let listeners = this.stations.get(stationId);
    if (!listeners) {
      listeners = new Set();
      this.stations.set(stationId, listeners);
    }
    listeners.add(listener);
    return () => {
      if (listeners.delete(listener) && listeners.size === 0 && this.stations.get(stationId) === listeners) this.stations.delete(stationId);
    };
  }

  /** How changes reach the other instances, for the health endpoint. */
  get fanOut(): 'in-process' | 'redis' | 'redis-unavailable' {
    if (!this.relay) return 'in-process';
    return this.relay.connected ? 'redis' : 'redis-unavailable';
  }

  /** Screens connected to this instance, all stations together. */
  screenCount(): number {
    let count = 0;
    for (const listeners of this.stations.values()) count += listeners.size;
    return count;
  }

  private emit(stationId: string, message: BusMessage): void {
    const listeners = this.stations.get(stationId);
    if (!listeners) return;
    // Once per event, not per screen: the hot path stays a loop of writes.
    if (this.metrics) {
      this.metrics.eventsSent.inc(listeners.size);
      if (message.at !== undefined) this.metrics.deliveryLag.observe(Math.max(0, Date.now() - message.at) / 1000);
    }
    // A listener that throws must not keep the change from the station's other screens.
    for (const listener of listeners) {
      try {
        listener(message);
      } catch (error) {
        this.logger.error(`A listener of ${stationId} failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
  }

  /** Compares every station with the store and delivers what this instance's screens missed. */
  private async resync(): Promise<void> {
    this.lastResync = Date.now();
    try {
      this.sequencer!.reconcile(await this.log!.listHeads(), (stationId) => this.stations.has(stationId));
    } catch (error) {
      this.logger.warn(`Catching up from the store failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async readMissed(stationId: string, afterSeq: number): Promise<BusMessage[]> {
    const log = await this.log!.readLog(stationId, afterSeq, FILL_LIMIT);
    const epoch = this.repository!.epoch;
    return (log?.events ?? []).map((e) => ({ seq: e.seq, message: { type: e.type, id: formatEventId(epoch, e.seq), data: e.json } }));
  }
}
