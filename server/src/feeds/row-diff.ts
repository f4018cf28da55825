import type { Departure } from '#shared/board';

/** The fields passengers or operators see; `version` and `updatedAt` change on every write and are left out. */
const VISIBLE: Array<keyof Departure> = [
  'kind',
  'line',
  'lineColor',
  'destination',
  'origin',
  'via',
  'scheduledTime',
  'expectedTime',
  'scheduledPlatform',
  'platform',
  'status',
  'cancelReason',
  'remarks',
];

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
