export interface BoardRotation {
  /** 0-based page on screen now. */
  page: number;
  pages: number;
  /** Index into the board's languages. */
  lang: number;
}

/**
 * The turn at `timeMs`: a count of whole periods since the epoch. Derived from the clock alone,
 * and that clock is the server's, so every screen of a station turns in step with the others.
 */
export function turnAt(timeMs: number, turnMs: number): number {
  return Math.max(0, Math.floor(timeMs / Math.max(1, turnMs)));
}

/**
 * What a board shows at turn `turn`: which page, in which language. The language changes after
 * the last page, at a page turn, so the board changes at one moment only and every page is seen
 * in every language (two pages in two languages turning together would always show page 1 in
 * one and page 2 in the other).
 */
export function boardRotation(turn: number, pages: number, langs: number): BoardRotation {
  const count = Math.max(1, pages);
  const at = Math.max(0, turn);
  return { page: at % count, pages: count, lang: Math.floor(at / count) % Math.max(1, langs) };
}
