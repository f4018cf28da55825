import type { BusMessage } from './board-bus.service';
import type { StoredEvent } from '../store/board.repository';

/** What the relay hands over: a change stored by another instance. */
export type RelayedChange = (stationId: string, message: BusMessage) => void;

/**
 * Carries every instance's stored changes to every other instance. Best effort by design: a
 * change lost on the way is found again in the store (see `Sequencer`), so the relay never blocks
 * or fails a write.
 */
export abstract class BusRelay {
  /** Sends a change this instance stored; never throws, never waits. */
  abstract send(stored: StoredEvent): void;
  /**
   * Starts receiving the other instances' changes. `onResync` is called after the relay was
   * cut off and is back, so the instance reads what it missed meanwhile from the store.
   */
  abstract start(onChange: RelayedChange, onResync: () => void): Promise<void>;
  /** `false` while the relay is cut off: the instance then polls the store instead. */
  abstract get connected(): boolean;
  abstract close(): Promise<void>;
}

export const BUS_RELAY = Symbol('BUS_RELAY');
