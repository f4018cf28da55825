import type { Instant } from './board';
/**
 * The screen fleet: every station screen says who it is (a random id it keeps), which release it
 * runs and how old its data is, so the control room sees which screens are up, stale or outdated,
 * and can make one reload.
 */

/**
 * `POST /api/screens/:screenId/beacon`: sent by each screen every minute. It reports for the stream
 * whose key it carries, at that stream's station; without the key of an open stream it is refused.
 */
export interface ScreenBeaconBody {
  /** The `beaconKey` of the `screen` message on the screen's open stream. */
  beaconKey: string;
  /** The web app's release the screen runs. */
  version: string;
  /** Seconds since the screen last heard from the server (a change or a heartbeat). */
  dataAgeSeconds: number;
}

/** A screen as the console lists it. */
export interface Screen {
  id: string;
  stationId: string;
  version: string;
  /** Whether its event stream is open (on any instance). */
  connected: boolean;
  /** Its latest beacon or (re)connect. */
  lastSeenAt: Instant;
  /** From its latest beacon; `null` before the first. */
  dataAgeSeconds: number | null;
  /** The browser it runs in, shortened. */
  userAgent: string | null;
  /** Not seen for 3 minutes, disconnected, or its data is more than 2 minutes old. */
  stale: boolean;
  /** Runs another release than the server: it reloads by itself at the next heartbeat, unless it cannot. */
  outdated: boolean;
  /** An operator asked it to reload and it has not reconnected since. */
  reloadRequestedAt: Instant | null;
}
