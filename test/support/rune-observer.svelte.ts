import { flushSync } from 'svelte';

/** What an effect saw of a reactive read, change after change, until it is stopped. */
export interface Observation<T> {
  /** Every value the effect read, oldest first, after any pending updates have run. */
  readonly values: T[];
  /** The value now, after any pending updates have run. */
  readonly current: T;
  stop(): void;
}

/**
 * Reads `read` the way a component does, inside an effect: `createSubscriber` sources open (and
 * close on `stop`), and each change the read depends on runs it again. A spec file is not compiled
 * by Svelte, so the runes it needs live here.
 */
export function observe<T>(read: () => T): Observation<T> {
  const values: T[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      values.push(read());
    });
  });
  flushSync();
  return {
    get values() {
      flushSync();
      return values;
    },
    get current() {
      flushSync();
      return values[values.length - 1];
    },
    stop: () => {
      stop();
      flushSync();
    },
  };
}
