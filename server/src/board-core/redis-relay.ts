import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { StoredEvent } from '../store/board.repository';
import { BusRelay, type RelayedChange } from './bus-relay';

/** One change on the wire between instances. Short keys: every change of every station crosses it. */
interface WireChange {
  /** The sending instance, which already delivered it to its own screens. */
  o: string;
  s: string;
  q: number;
  t: string;
  i: string;
  /** The event's JSON exactly as stored, so no instance serializes it again. */
  d: string;
  /** When it was stored (ms since the epoch), for the delivery-lag metric. */
  a: number;
}

/**
 * Redis pub/sub between instances. Publishing never queues while Redis is away (the offline queue
 * is off): a change that cannot be sent is simply not sent, and the others read it from the store.
 */
export class RedisRelay extends BusRelay {
  private readonly logger = new Logger(RedisRelay.name);
  private readonly instance = randomBytes(4).toString('hex');
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private up = false;
  /** Until the first connection, changes may have been missed as much as after a cut. */
  private wasDown = true;

  constructor(url: string, epoch: string) {
    super();
    // Per store: two deployments sharing one Redis never see each other's changes.
    this.channel = `headway:${epoch}:changes`;
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
      lazyConnect: true,
    };
    this.publisher = new Redis(url, options);
    // The subscriber may queue its SUBSCRIBE until Redis answers; it re-subscribes after every reconnect.
    this.subscriber = new Redis(url, { lazyConnect: true, retryStrategy: options.retryStrategy });
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
  }

  get connected(): boolean {
    return this.up;
  }

  send(stored: StoredEvent): void {
    if (this.publisher.status !== 'ready') return;
    const wire: WireChange = {
      o: this.instance,
      s: stored.stationId,
      q: stored.event.seq,
      t: stored.event.type,
      i: stored.id,
      d: stored.json,
      a: Date.now(),
    };
    this.publisher.publish(this.channel, JSON.stringify(wire)).catch(() => undefined);
  }

  async start(onChange: RelayedChange, onResync: () => void): Promise<void> {
    this.subscriber.on('message', (_channel: string, text: string) => {
      const wire = JSON.parse(text) as WireChange;
      if (wire.o === this.instance) return;
      onChange(wire.s, { seq: wire.q, message: { type: wire.t, id: wire.i, data: wire.d }, at: wire.a });
    });
    this.subscriber.on('ready', () => {
      this.up = true;
      if (this.wasDown) onResync();
      this.wasDown = false;
    });
    this.subscriber.on('close', () => {
      if (this.up) this.logger.warn("Redis connection lost: serving this instance's changes, polling the store for the others'");
      this.up = false;
      this.wasDown = true;
    });
    // Start-up does not wait for Redis: without it the instance still serves, and catches up later.
    void this.subscriber.subscribe(this.channel).catch(() => undefined);
    await Promise.all([this.publisher.connect().catch(() => undefined), this.subscriber.connect().catch(() => undefined)]);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
