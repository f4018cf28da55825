import type { Departure } from '#shared/board';

/**
 * The fields passengers or operators see, one entry each (the compiler refuses a missing one);
 * `version` and `updatedAt` change on every write, and the hold is compared on its own.
 */
const VISIBLE_FIELDS = {
  id: true,
  kind: true,
  line: true,
  lineColor: true,
  destination: true,
  origin: true,
  via: true,
  trainNumber: true,
  skippedStops: true,
  shortenedAt: true,
  replacement: true,
  headwayMinutes: true,
  scheduledTime: true,
  expectedTime: true,
  scheduledPlatform: true,
  platform: true,
  status: true,
  cancelReason: true,
  remarks: true,
  textTranslations: true,
  override: false,
  version: false,
  updatedAt: false,
} satisfies Record<keyof Departure, boolean>;
const VISIBLE = (Object.keys(VISIBLE_FIELDS) as Array<keyof Departure>).filter((key) => VISIBLE_FIELDS[key]);

/**
 * Whether a feed's new row says nothing new. Feeds resend everything every time; writing (and
 * sending every screen) an unchanged row 2,000 times a minute would drown the real changes.
 */
export function sameRow(current: Departure, next: Departure): boolean {
  for (const key of VISIBLE) if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) return false;
  return (current.override === null) === (next.override === null) && feedValues(current) === feedValues(next);
}

/** What the feed said against an operator's hold, without the time it said it. */
function feedValues(row: Departure): string {
  const feed = row.override?.feed;
  if (!feed) return 'null';
  const { at: _at, ...values } = feed;
  return JSON.stringify(values);
}
