import { createSubscriber } from 'svelte/reactivity';

/** Drift below this is left alone, so network latency does not make the seconds stutter. */
const SYNC_THRESHOLD_MS = 1_000;

/**
 * The current time by the server's clock, ticking on each whole second while anything reads it.
 * One shared instance means one timer per page however many clocks and rows show the time.
 */
class Now {
  #offsetMs = 0;
  #current = $state.raw(new Date());
  #subscribe = createSubscriber(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      this.#current = this.exact();
      // Aligned to the second boundary so the displayed seconds change when the real ones do.
      timer = setTimeout(tick, 1000 - (this.#current.getTime() % 1000));
    };
    tick();
    return () => clearTimeout(timer);
  });

  get current(): Date {
    this.#subscribe();
    return this.#current;
  }

  /** Adopts the server's clock (from a heartbeat): a screen's own clock may be minutes off. */
  syncTo(serverTime: string): void {
    const offset = Date.parse(serverTime) - Date.now();
    if (!Number.isFinite(offset) || Math.abs(offset - this.#offsetMs) < SYNC_THRESHOLD_MS) return;
    this.#offsetMs = offset;
    this.#current = this.exact();
  }

  /** The server-corrected time right now, without subscribing (for timestamps, not display). */
  exact(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
}

export const now = new Now();
