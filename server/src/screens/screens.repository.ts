import type { ScreenTable } from '../store/database';

/** A screen's row as the fleet keeps it. */
export type ScreenRecord = ScreenTable;

/** What a beacon reports. */
export type ScreenReport = Pick<ScreenRecord, 'version' | 'last_seen_at' | 'data_age_seconds' | 'user_agent'>;

/** A pending reload, and the station it was asked for. */
export interface ScreenReload {
  screenId: string;
  stationId: string;
}

/** The fleet's I/O. */
export abstract class ScreensRepository {
  /** Stores the latest reports of many screens at once. */
  abstract saveAll(screens: ScreenRecord[]): Promise<void>;
  abstract list(stationIds: string[] | null): Promise<ScreenRecord[]>;
  abstract find(screenId: string): Promise<ScreenRecord | null>;
  abstract requestReload(screenId: string, at: string): Promise<void>;
  /** The screens among `screenIds` with a reload pending, each with its station; clears the requests. */
  abstract takeReloads(screenIds: string[]): Promise<ScreenReload[]>;
  /**
   * Stores a beacon's report when the screen is connected with the stream whose key hashes to
   * `streamKey` (checked and written in one statement); `false` when it is not.
   */
  abstract reportIfOpen(screenId: string, streamKey: string, report: ScreenReport): Promise<boolean>;
  /** Forgets screens not seen since `before`. */
  abstract forget(before: string): Promise<number>;
  /**
   * Forgets the disconnected screens beyond the newest `perStation` of a station and the newest
   * `total` of all; connected screens are never forgotten (and count first).
   */
  abstract prune(perStation: number, total: number): Promise<number>;
}
