import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { ScreenBeaconBody } from '#shared/screens';
import { runEvery } from '../common/periodic-task';
import { type ScreenRecord, ScreensRepository } from './screens.repository';

/** How often this instance writes its screens' reports and looks for reload requests. */
const FLUSH_EVERY_MS = 5_000;
/** Reports waiting to be written, at most: beacons beyond it wait for the next minute. */
const MAX_DIRTY = 50_000;
/** Screens not seen for a week are forgotten. */
const FORGET_AFTER_MS = 7 * 24 * 3_600_000;

interface LocalScreen {
  record: ScreenRecord;
  /** Open streams of this screen on this instance (a kiosk reconnecting may briefly have two). */
  streams: number;
  reload: Subject<void>;
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

  /** A screen's stream opened; the returned stream says when it should reload. Unsubscribing closes it. */
  connect(screenId: string, stationId: string, version: string, userAgent: string | null): Observable<void> {
    return new Observable<void>((subscriber) => {
      let screen = this.local.get(screenId);
      const record: ScreenRecord = {
        id: screenId,
        station_id: stationId,
        version,
        connected: 1,
        last_seen_at: new Date().toISOString(),
        data_age_seconds: screen?.record.data_age_seconds ?? null,
        user_agent: userAgent,
        reload_requested_at: null,
      };
      if (!screen) this.local.set(screenId, (screen = { record, streams: 0, reload: new Subject<void>() }));
      screen.record = record;
      screen.streams++;
      this.mark(record);
      const subscription = screen.reload.subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        const current = this.local.get(screenId);
        if (!current || --current.streams > 0) return;
        this.local.delete(screenId);
        this.mark({ ...current.record, connected: 0, last_seen_at: new Date().toISOString() });
      };
    });
  }

  /** A screen's minute report. */
  beacon(screenId: string, body: ScreenBeaconBody, userAgent: string | null): void {
    const screen = this.local.get(screenId);
    const record: ScreenRecord = {
      id: screenId,
      station_id: body.stationId,
      version: body.version,
      connected: screen ? 1 : 0,
      last_seen_at: new Date().toISOString(),
      data_age_seconds: Math.round(body.dataAgeSeconds),
      user_agent: userAgent,
      reload_requested_at: null,
    };
    if (screen) screen.record = record;
    this.mark(record);
  }

  /** Sends a reload now when the screen's stream is here; `true` when it was. */
  reloadHere(screenId: string): boolean {
    const screen = this.local.get(screenId);
    if (!screen) return false;
    screen.reload.next();
    return true;
  }

  /** Writes the waiting reports, then delivers the reloads requested for screens connected here. */
  async flush(): Promise<void> {
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    if (batch.length > 0) await this.screens.saveAll(batch);
    if (this.local.size > 0) for (const id of await this.screens.takeReloads([...this.local.keys()])) this.reloadHere(id);
    if (Date.now() - this.lastForget > 3_600_000) {
      this.lastForget = Date.now();
      await this.screens.forget(new Date(Date.now() - FORGET_AFTER_MS).toISOString());
    }
  }

  private mark(record: ScreenRecord): void {
    if (this.dirty.size < MAX_DIRTY || this.dirty.has(record.id)) this.dirty.set(record.id, record);
  }
}
