import type { Station } from '#shared/board';
import { BoardStream } from '../board-stream.svelte';
import { now } from '../now.svelte';

/**
 * The boards' clock, where no board is open: the server may run on another clock than this
 * laptop (`CLOCK=…` in a demo, or a laptop minutes off), and ages are the server's. A board
 * stream's snapshot and heartbeats carry `serverTime`, which `now` adopts; this keeps one open
 * (to the first station) while something reads the time.
 */
export class ServerClock {
  readonly #stream: BoardStream | null;

  constructor(stations: readonly Station[]) {
    this.#stream = stations[0] ? new BoardStream(stations[0].id) : null;
  }

  /** The time by the server's clock; reading it keeps the stream (and the sync) going. */
  get current(): Date {
    void this.#stream?.board;
    return now.current;
  }
}
