import { router } from '../router.svelte';
import { type QueryChanges, readQuery, withQuery } from './console-query';

export type { KindFilter } from './console-query';

/**
 * The console's working state, kept in its address (`/admin?station=zurich-hb&sel=s8,ic5&q=S8&line=S8`)
 * so a reload or a link sent to a colleague opens the same station, rows, view and filters. Read
 * from the router, written with `replace` (no history step per keystroke or click).
 */
export class ConsoleAddress {
  readonly #query = $derived(readQuery(router.search));
  readonly station = $derived(this.#query.station);
  readonly selected = $derived(this.#query.selected);
  readonly query = $derived(this.#query.query);
  readonly kind = $derived(this.#query.kind);
  readonly line = $derived(this.#query.line);

  /** Sets some parameters, keeping the others. */
  set(changes: QueryChanges): void {
    router.replace(withQuery(router.search, changes));
  }

  /** Another station: its rows and filters mean nothing there. */
  chooseStation(station: string): void {
    this.set({ station, sel: '', q: '', line: '', kind: '' });
  }

  select(ids: readonly string[]): void {
    this.set({ sel: ids.join(',') });
  }
}

export const address = new ConsoleAddress();
