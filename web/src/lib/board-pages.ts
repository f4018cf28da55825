import type { Departure } from '#shared/board';

/** Rows leaving within this long stay on screen while later rows take turns. */
export const PINNED_MINUTES = 20;

/** One page of the rows that take turns: `count` rows from index `start` of the board's rows. */
export interface RowPage {
  start: number;
  count: number;
}

/**
 * How a board's rows share `slots` row places: the first `pinned` rows never leave the screen,
 * and the later ones take turns below them, a page at a time.
 */
export interface PagePlan {
  pinned: number;
  /** At least one (possibly empty) page. */
  pages: RowPage[];
}

/**
 * The first rows stay put: those leaving within `PINNED_MINUTES` (`soon` of them), and at least
 * half the places, so a quiet station keeps its next trains fixed too. A third of the places
 * (at least one) always turns, or at a busy station a later train would come round only every
 * ten minutes. The rest is split into pages that differ by at most one row, so no page holds a
 * lone row while the others are full.
 */
export function planPages(rows: number, slots: number, soon: number): PagePlan {
  const places = Math.max(1, Math.floor(slots));
  if (rows <= places) return { pinned: rows, pages: [{ start: rows, count: 0 }] };
  const pinned = Math.min(places - Math.ceil(places / 3), Math.max(soon, Math.ceil(places / 2)));
  const later = rows - pinned;
  const pageCount = Math.ceil(later / (places - pinned));
  const base = Math.floor(later / pageCount);
  const longer = later % pageCount;
  const pages: RowPage[] = [];
  let start = pinned;
  for (let i = 0; i < pageCount; i++) {
    const count = base + (i < longer ? 1 : 0);
    pages.push({ start, count });
    start += count;
  }
  return { pinned, pages };
}

/** How many of the first rows leave (or arrive) before `PINNED_MINUTES` from `nowMs`: a row's estimate counts, else its timetable. */
export function soonRows(rows: readonly Pick<Departure, 'scheduledTime' | 'expectedTime'>[], nowMs: number): number {
  const horizon = nowMs + PINNED_MINUTES * 60_000;
  let last = -1;
  rows.forEach((row, i) => {
    if (Date.parse(row.expectedTime ?? row.scheduledTime) < horizon) last = i;
  });
  return last + 1;
}

/** The rows on screen for one page of a plan: the pinned ones, then that page's. */
export function rowsOnPage<T>(rows: readonly T[], plan: PagePlan, page: number): T[] {
  const turning = plan.pages[page] ?? plan.pages[0];
  return [...rows.slice(0, plan.pinned), ...rows.slice(turning.start, turning.start + turning.count)];
}
