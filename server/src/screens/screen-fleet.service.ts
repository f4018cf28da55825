import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { ScreenBeaconBody } from '#shared/screens';
import { ApiException } from '../common/api-exception';
import { runEvery } from '../common/periodic-task';
import { type ScreenRecord, ScreensRepository } from './screens.repository';

/** How often this instance writes its screens' reports and looks for reload requests. */
const FLUSH_EVERY_MS = 5_000;
/** Reports waiting to be written, at most: beacons beyond it wait for the next minute. */
const MAX_DIRTY = 50_000;
/** Screens not seen for a week are forgotten. */
const FORGET_AFTER_MS = 7 * 24 * 3_600_000;
/**
 * Screens kept per station and in all: past these, the longest-gone disconnected ones are
 * forgotten, so streams opened under ever new screen ids cannot grow the fleet without end.
 */
export const MAX_SCREENS_PER_STATION = 1_000;
export const MAX_SCREENS = 50_000;

/** A station screen's stream as it opens. */
export interface ScreenHello {
  id: string;
  version: string;
  userAgent: string | null;
}

/** What the fleet gives a screen's stream: the key for its beacons, and when to reload. */
export interface ScreenConnection {
  /** Secret of this one stream, sent to the screen on it; valid while the stream is open. */
  beaconKey: string;
  /**
   * Registers the stream until the returned function is called; `onReload` is called when the
   * screen should reload. A plain callback, not an Observable: every idle screen holds it for hours.
   */
  attach(onReload: () => void): () => void;
}

interface LocalScreen {
  record: ScreenRecord;
  /**
   * This screen's streams open on this instance: each one's station, by the hash of its beacon
   * key (a kiosk reconnecting may briefly have two).
   */
  streams: Map<string, string>;
  /** Called with the station a reload was asked for: only the screen's streams at that station reload. */
  reload: Set<(stationId: string) => void>;
}

/**
 * The screens connected to this instance and the reports they send. Reports are written in bulk
 * every few seconds, not one by one, so 10,000 screens reconnecting at once cost a few statements.
 * A reload request is stored, so whichever instance holds the screen's stream delivers it.
 */
@Injectable()
export class ScreenFleet implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScreenFleet.name);
  private readonly local = new Map<string, LocalScreen>();
  private readonly dirty = new Map<string, ScreenRecord>();
  private lastForget = 0;
  private stop?: () => void;

  constructor(private readonly screens: ScreensRepository) {}

  onApplicationBootstrap(): void {
    this.stop = runEvery(FLUSH_EVERY_MS, () => this.flush(), this.logger, 'Writing screen reports');
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop?.();
    for (const screen of this.local.values()) this.mark({ ...screen.record, connected: 0 });
    await this.flush().catch(() => undefined);
  }

  /**
   * A screen's stream at `stationId` is opening. The screen is counted from when it is attached
   * until it is detached; only that stream's key is accepted on its beacons.
   */
  connect(hello: ScreenHello, stationId: string): ScreenConnection {
    const beaconKey = newBeaconKey();
    const keyHash = hashKey(beaconKey);
    const attach = (onReload: () => void) => {
      let screen = this.local.get(hello.id);
      const record: ScreenRecord = {
        id: hello.id,
        station_id: stationId,
        version: hello.version,
        connected: 1,
        last_seen_at: new Date().toISOString(),
        data_age_seconds: screen?.record.data_age_seconds ?? null,
        user_agent: hello.userAgent,
        reload_requested_at: null,
        stream_key: keyHash,
      };
      if (!screen) this.local.set(hello.id, (screen = { record, streams: new Map(), reload: new Set() }));
      screen.record = record;
      screen.streams.set(keyHash, stationId);
      this.mark(record);
      const listener = (station: string) => {
        if (station === stationId) onReload();
      };
      const { reload } = screen;
      reload.add(listener);
      return () => {
        reload.delete(listener);
        const current = this.local.get(hello.id);
        if (!current?.streams.delete(keyHash) || current.streams.size > 0) return;
        this.local.delete(hello.id);
        this.mark({ ...current.record, connected: 0, last_seen_at: new Date().toISOString() });
      };
    };
    return { beaconKey, attach };
  }

  /**
   * A screen's minute report, accepted only with the key of one of its open streams: the station
   * is that stream's, whatever anyone claims. Checked here when the stream is here, else in the
   * store, which knows the key of the stream each screen is connected with on any instance.
   */
  async beacon(screenId: string, body: ScreenBeaconBody, userAgent: string | null): Promise<void> {
    const keyHash = hashKey(body.beaconKey);
    const report = {
      version: body.version,
      last_seen_at: new Date().toISOString(),
      data_age_seconds: Math.round(body.dataAgeSeconds),
      user_agent: userAgent,
    };
    const screen = this.local.get(screenId);
    const stationId = screen?.streams.get(keyHash);
    if (screen && stationId !== undefined) {
      screen.record = { ...screen.record, ...report, station_id: stationId, stream_key: keyHash, connected: 1 };
      this.mark(screen.record);
    } else if (!(await this.screens.reportIfOpen(screenId, keyHash, report))) {
      throw new ApiException(HttpStatus.NOT_FOUND, 'not_found', `Screen "${screenId}" has no open stream with this beacon key`);
    }
  }

  /** Sends a reload now to the screen's streams at `stationId` when any is here; `true` when one was. */
  reloadHere(screenId: string, stationId: string): boolean {
    const screen = this.local.get(screenId);
    if (!screen || ![...screen.streams.values()].includes(stationId)) return false;
    for (const listener of screen.reload) listener(stationId);
    return true;
  }

  /** Writes the waiting reports, then delivers the reloads requested for screens connected here. */
  async flush(): Promise<void> {
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    if (batch.length > 0) await this.screens.saveAll(batch);
    if (this.local.size > 0)
      for (const reload of await this.screens.takeReloads([...this.local.keys()])) this.reloadHere(reload.screenId, reload.stationId);
    const hourly = Date.now() - this.lastForget > 3_600_000;
    if (hourly) {
      this.lastForget = Date.now();
      await this.screens.forget(new Date(Date.now() - FORGET_AFTER_MS).toISOString());
    }
    // Only screens that went away can push the fleet over its caps.
    if (hourly || batch.some((record) => record.connected === 0)) await this.screens.prune(MAX_SCREENS_PER_STATION, MAX_SCREENS);
  }

  private mark(record: ScreenRecord): void {
    if (this.dirty.size < MAX_DIRTY || this.dirty.has(record.id)) this.dirty.set(record.id, record);
  }
}

/** Key bytes drawn from the CSPRNG at a time: one call per this many connecting screens, not one each (as randomUUID pools). */
const KEY_BYTES = 24;
const KEY_POOL_BYTES = KEY_BYTES * 512;
let keyPool = Buffer.alloc(0);
let keyPoolAt = 0;

/** 24 random bytes (base64url), each used once. */
function newBeaconKey(): string {
  if (keyPoolAt + KEY_BYTES > keyPool.length) {
    keyPool = randomBytes(KEY_POOL_BYTES);
    keyPoolAt = 0;
  }
  const key = keyPool.toString('base64url', keyPoolAt, keyPoolAt + KEY_BYTES);
  keyPool.fill(0, keyPoolAt, keyPoolAt + KEY_BYTES);
  keyPoolAt += KEY_BYTES;
  return key;
}

/** Stored and compared instead of the key itself, so the store never holds a usable key. */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
