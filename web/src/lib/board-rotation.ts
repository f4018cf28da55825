/** How long a board shows one page (and one language) before it turns. */
export const TURN_MS = 10_000;

export interface BoardRotation {
  /** 0-based page on screen now. */
  page: number;
  pages: number;
  /** Index into the board's languages. */
  lang: number;
}

/**
 * What a board shows at `timeMs`: which page, in which language. Derived from the clock alone,
 * and that clock is the server's, so every screen of a station turns in step with the others.
 * Pages turn every `TURN_MS`; the language changes after the last page, at a page turn, so the
 * board changes at one moment only and every page is seen in every language (two pages in two
 * languages turning together would always show page 1 in one and page 2 in the other).
 */
export function boardRotation(timeMs: number, rows: number, perPage: number, langs: number): BoardRotation {
  const pages = pageCount(rows, perPage);
  const turn = Math.max(0, Math.floor(timeMs / TURN_MS));
  return { page: turn % pages, pages, lang: Math.floor(turn / pages) % Math.max(1, langs) };
}

/** At least one page, so an empty board still has a page to say so on. */
export function pageCount(rows: number, perPage: number): number {
  return Math.max(1, Math.ceil(rows / Math.max(1, perPage)));
}

/** The rows of one page. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): T[] {
  return items.slice(page * perPage, (page + 1) * perPage);
}

/**
 * `size` of `items` shown at turn `turn`, cycling through all of them, in their original order.
 * Alerts take room from the departures, so only a few are shown at once; the rest take turns.
 */
export function rotateWindow<T>(items: readonly T[], size: number, turn: number): T[] {
  if (items.length <= size) return items.slice();
  const start = (Math.max(0, turn) * size) % items.length;
  const indices = Array.from({ length: size }, (_, i) => (start + i) % items.length);
  return indices.sort((a, b) => a - b).map((i) => items[i]);
}
