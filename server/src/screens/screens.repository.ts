import type { ScreenTable } from '../store/database';

/** A screen's row as the fleet keeps it. */
export type ScreenRecord = ScreenTable;

/** The fleet's I/O. */
export abstract class ScreensRepository {
  /** Stores the latest reports of many screens at once. */
  abstract saveAll(screens: ScreenRecord[]): Promise<void>;
  abstract list(stationIds: string[] | null): Promise<ScreenRecord[]>;
  abstract find(screenId: string): Promise<ScreenRecord | null>;
  abstract requestReload(screenId: string, at: string): Promise<void>;
  /** The screens among `screenIds` with a reload pending; clears the request. */
  abstract takeReloads(screenIds: string[]): Promise<string[]>;
  /** Forgets screens not seen since `before`. */
  abstract forget(before: string): Promise<number>;
}
