import { createSubscriber } from 'svelte/reactivity';

/**
 * The current time, ticking on each whole second while anything reads it. One shared instance
 * means one timer per page however many clocks and rows show the time.
 */
class Now {
  #current = $state.raw(new Date());
  #subscribe = createSubscriber(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      this.#current = new Date();
      // Aligned to the second boundary so the displayed seconds change when the real ones do.
      timer = setTimeout(tick, 1000 - (Date.now() % 1000));
    };
    tick();
    return () => clearTimeout(timer);
  });

  get current(): Date {
    this.#subscribe();
    return this.#current;
  }
}

export const now = new Now();
