import type { Board, Departure } from '#shared/board';
import { address } from './console-address.svelte';
import { linesOf, matchesSearch } from './departure-search';

/**
 * The console's departure table: the rows the search and filters leave, the row the keyboard is
 * on (the cursor) and the rows selected, which live in the address so a reload keeps them.
 */
export class DepartureTable {
  /** The row the keyboard is on; actions apply to it when nothing is selected. */
  cursor = $state<string | null>(null);
  /** Where a shift-click range starts. */
  #anchor: string | null = null;
  readonly #board: () => Board;

  constructor(board: () => Board) {
    this.#board = board;
  }

  readonly board = $derived.by(() => this.#board());
  readonly lines = $derived(linesOf(this.board.departures));
  readonly rows = $derived(
    this.board.departures.filter(
      (d) =>
        (address.kind === 'all' || d.kind === address.kind) &&
        (!address.line || d.line === address.line) &&
        matchesSearch(d, address.query, this.board.station.timezone),
    ),
  );
  /** Selected rows still on the board, in the board's order (a row that left is dropped). */
  readonly selected = $derived(this.board.departures.filter((d) => address.selected.includes(d.id)));
  readonly cursorRow = $derived(this.rows.find((d) => d.id === this.cursor) ?? null);
  /** What an action applies to: the selection, else the row the cursor is on. */
  readonly targets = $derived<Departure[]>(this.selected.length > 0 ? this.selected : this.cursorRow ? [this.cursorRow] : []);

  isSelected(id: string): boolean {
    return address.selected.includes(id);
  }

  toggle(id: string): void {
    this.#anchor = id;
    this.cursor = id;
    address.select(this.isSelected(id) ? address.selected.filter((s) => s !== id) : [...address.selected, id]);
  }

  /** Shift-click: every shown row from the last one toggled to this one joins the selection. */
  extendTo(id: string): void {
    const ids = this.rows.map((d) => d.id);
    const from = ids.indexOf(this.#anchor ?? id);
    const to = ids.indexOf(id);
    if (from < 0 || to < 0) return this.toggle(id);
    const range = ids.slice(Math.min(from, to), Math.max(from, to) + 1);
    this.cursor = id;
    address.select([...address.selected, ...range.filter((r) => !address.selected.includes(r))]);
  }

  /** j/k and the arrows; `extend` (shift) selects the rows passed over. */
  move(step: number, extend = false): void {
    const ids = this.rows.map((d) => d.id);
    if (ids.length === 0) return;
    const at = this.cursor ? ids.indexOf(this.cursor) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    if (extend) {
      if (this.cursor && !this.isSelected(this.cursor)) address.select([...address.selected, this.cursor]);
      if (!this.isSelected(next)) address.select([...address.selected, next]);
    }
    this.cursor = next;
  }

  /** After a search: the keyboard lands on the first row found. */
  first(): void {
    this.cursor = this.rows[0]?.id ?? null;
  }

  clear(): void {
    address.select([]);
  }
}
