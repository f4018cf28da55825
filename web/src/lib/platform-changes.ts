import type { Board, Departure } from '#shared/board';

/** How long a platform change stays emphasized after the screen saw it happen. */
export const PLATFORM_NEWS_MS = 2 * 60_000;

/** Departure id → when (server-corrected ms) this screen saw the row's platform change. */
export type PlatformChanges = ReadonlyMap<string, number>;

/**
 * Notes which rows changed platform between two versions of a board. Kept beside the board, not
 * on the row's element: a paged board unmounts rows that are off the page, and the emphasis has
 * to be there when the row comes round again. Changes made while the screen was offline count
 * when the reconnect's snapshot shows them; a screen that just started knows of none.
 * Returns `changes` itself when nothing changed, so a consumer is not woken for nothing.
 */
export function notePlatformChanges(changes: PlatformChanges, before: Board | null, after: Board | null, atMs: number): PlatformChanges {
  if (after === null || before === after) return changes;
  const previous = before === null ? new Map<string, Departure>() : new Map(before.departures.map((d) => [d.id, d]));
  let next: Map<string, number> | null = null;
  for (const row of after.departures) {
    const old = previous.get(row.id);
    if (old !== undefined && shownPlatform(old) !== shownPlatform(row)) (next ??= new Map(changes)).set(row.id, atMs);
  }
  for (const [id, at] of changes) {
    if (atMs - at >= PLATFORM_NEWS_MS) (next ??= new Map(changes)).delete(id);
  }
  return next ?? changes;
}

/** Whether the row's platform differs from the timetable and the change is recent news. */
export function platformIsNews(changes: PlatformChanges, row: Departure, nowMs: number): boolean {
  const at = changes.get(row.id);
  return at !== undefined && nowMs - at < PLATFORM_NEWS_MS && platformChanged(row);
}

export function platformChanged(row: Pick<Departure, 'platform' | 'scheduledPlatform'>): boolean {
  return row.platform !== null && row.scheduledPlatform !== null && row.platform !== row.scheduledPlatform;
}

function shownPlatform(row: Departure): string | null {
  return row.platform ?? row.scheduledPlatform;
}
