import type { Feed, FeedSourceHealth } from '#shared/feeds';

/** "65 of 91 (71 %)": a match rate an operator reads at a glance. */
export function matchRate(matched: number | undefined, total: number | undefined): string {
  if (matched === undefined || total === undefined) return '—';
  if (total === 0) return 'none sent';
  return `${matched} of ${total} (${Math.round((matched / total) * 100)} %)`;
}

/** How old a source's data is, in words: "42 s", "12 min", "3 h", "5 days". */
export function ageOf(dataAt: string | null, now: number): string {
  if (dataAt === null) return 'no data yet';
  const seconds = Math.max(0, Math.round((now - Date.parse(dataAt)) / 1000));
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/** The realtime sources of a feed (TripUpdates, Alerts), in that order; the schedule is shown apart. */
export function realtimeSources(feed: Feed): FeedSourceHealth[] {
  const order = ['trip-updates', 'alerts', 'siri-et', 'siri-sx'];
  return feed.sources.filter((s) => s.kind !== 'schedule').sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** Sources whose stats count trips and stops (GTFS-Realtime TripUpdates, SIRI ET), and those that count alerts. */
export const TRIP_SOURCES: ReadonlySet<FeedSourceHealth['kind']> = new Set(['trip-updates', 'siri-et']);
export const ALERT_SOURCES: ReadonlySet<FeedSourceHealth['kind']> = new Set(['alerts', 'siri-sx']);

export const SOURCE_LABELS: Record<FeedSourceHealth['kind'], string> = {
  schedule: 'Schedule',
  'trip-updates': 'TripUpdates',
  alerts: 'Alerts',
  'siri-et': 'SIRI ET',
  'siri-sx': 'SIRI SX',
};
