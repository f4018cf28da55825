import type { BusMessage } from './board-bus.service';

/** Tries at filling one station's gap before giving up on the changes that are not in the store. */
const MAX_ATTEMPTS = 3;

/** Reads a station's missed changes from the store: those after `afterSeq`, oldest first. */
export type FillFromStore = (stationId: string, afterSeq: number) => Promise<BusMessage[]>;

/**
 * Puts each station's changes in `seq` order with none missing and none twice, whatever order and
 * losses the way they came by had (an instance's own writes directly, other instances' through
 * Redis). A change that skips ahead is held while the changes before it are read from the store;
 * one already delivered is dropped. So every screen of this instance sees each event exactly once.
 */
export class Sequencer {
  /** The last seq delivered per station; a station not listed had no change since the heads were read. */
  private readonly last = new Map<string, number>();
  /** Stations with a fill from the store running, and what arrived meanwhile. */
  private readonly held = new Map<string, BusMessage[]>();
  /** Changes that came before the heads were known. */
  private early: Array<[string, BusMessage]> | null = [];

  constructor(
    private readonly fill: FillFromStore,
    private readonly emit: (stationId: string, message: BusMessage) => void,
    private readonly warn: (message: string) => void,
  ) {}

  /** Starts sequencing from the store's heads; what came before is sorted out against them. */
  start(heads: Map<string, number>): void {
    for (const [stationId, seq] of heads) if (!this.last.has(stationId)) this.last.set(stationId, seq);
    const early = this.early ?? [];
    this.early = null;
    for (const [stationId, message] of early) this.accept(stationId, message);
  }

  accept(stationId: string, message: BusMessage): void {
    if (this.early) return void this.early.push([stationId, message]);
    const held = this.held.get(stationId);
    if (held) return void held.push(message);
    // A station unknown at start was created since: its log began at 0.
    const last = this.last.get(stationId) ?? 0;
    if (message.seq <= last) return;
    if (message.seq === last + 1) {
      this.last.set(stationId, message.seq);
      return this.emit(stationId, message);
    }
    this.held.set(stationId, [message]);
    void this.catchUp(stationId, last);
  }

  /**
   * Compares with the store's heads (after Redis was down, or as a periodic check for a lost last
   * message). Stations nobody watches just move on; watched ones get what they missed.
   */
  reconcile(heads: Map<string, number>, watched: (stationId: string) => boolean): void {
    if (this.early) return this.start(heads);
    for (const [stationId, head] of heads) {
      const last = this.last.get(stationId) ?? 0;
      if (head <= last || this.held.has(stationId)) continue;
      if (!watched(stationId)) {
        this.last.set(stationId, head);
        continue;
      }
      this.held.set(stationId, []);
      void this.catchUp(stationId, last);
    }
  }

  /**
   * Reads what the station missed after `from`, delivers it, then what was held meanwhile. A gap
   * that opens again while reading is filled again; after a few tries (the store no longer has
   * those changes, or cannot be read) the rest is delivered anyway rather than held for ever.
   */
  private async catchUp(stationId: string, from: number, attempt = 1): Promise<void> {
    let filled = true;
    try {
      for (const message of await this.fill(stationId, from)) this.advance(stationId, message);
    } catch (error) {
      filled = false;
      this.warn(`could not read station ${stationId}'s changes after ${from}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const held = (this.held.get(stationId) ?? []).sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < held.length; i++) {
      const last = this.last.get(stationId) ?? 0;
      if (held[i].seq > last + 1 && filled && attempt < MAX_ATTEMPTS) {
        this.held.set(stationId, held.slice(i));
        return this.catchUp(stationId, last, attempt + 1);
      }
      this.advance(stationId, held[i]);
    }
    this.held.delete(stationId);
  }

  private advance(stationId: string, message: BusMessage): void {
    if (message.seq <= (this.last.get(stationId) ?? 0)) return;
    this.last.set(stationId, message.seq);
    this.emit(stationId, message);
  }
}
