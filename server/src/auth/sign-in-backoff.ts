/** Failed sign-ins for one username that cost nothing; each further one makes the next attempt wait. */
export const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 15 * 60_000;
/** A username's failures are forgotten after this long without another one. */
const FORGET_AFTER_MS = 60 * 60_000;
/** Usernames tracked at most (about 100 bytes each), so a flood of made-up names cannot grow memory. */
const MAX_TRACKED = 100_000;

interface Failures {
  count: number;
  lastAt: number;
  /** No attempt for this username before this time. */
  until: number;
}

/**
 * Backoff per username against password guessing from many addresses: after `FREE_FAILURES` failed
 * sign-ins, attempts wait 1 s, 2 s, 4 s … up to 15 min, whoever sends them; a success resets it.
 * Unknown usernames are tracked the same way, so a refusal never tells whether an account exists.
 * In memory, per instance: behind several instances a guesser gets each instance's allowance.
 */
export class SignInBackoff {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whole seconds until this username may try again; 0 when it may now. */
  waitSeconds(username: string): number {
    const entry = this.current(keyOf(username));
    return entry ? Math.max(0, Math.ceil((entry.until - this.now()) / 1000)) : 0;
  }

  failed(username: string): void {
    const key = keyOf(username);
    const now = this.now();
    const count = (this.current(key)?.count ?? 0) + 1;
    const wait = count < FREE_FAILURES ? 0 : Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (count - FREE_FAILURES));
    // Re-inserted so the Map's order is least recently failed first, for eviction.
    this.failures.delete(key);
    if (this.failures.size >= MAX_TRACKED) this.evict(now);
    this.failures.set(key, { count, lastAt: now, until: now + wait });
  }

  succeeded(username: string): void {
    this.failures.delete(keyOf(username));
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.lastAt > FORGET_AFTER_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.failures) {
      if (now - entry.lastAt > FORGET_AFTER_MS) this.failures.delete(key);
    }
    if (this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
  }
}

/** One entry per name however it is spelled (case, Unicode form, surrounding spaces), and bounded in size. */
function keyOf(username: string): string {
  return username.trim().normalize('NFC').toLowerCase().slice(0, 200);
}
