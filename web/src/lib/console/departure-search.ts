import type { Departure } from '#shared/board';
import { formatTime } from '../time';

/**
 * The console's search: every word the operator types must fit the row, by its line (`S8`, `ic5`
 * for `IC 5`), its destination or origin (`lausanne`, `pfäff`), its timetabled or expected time at
 * the station (`1114`, `11:14`, `11` for the hour) or its platform (`41`). So "S8 1114" and
 * "S8 11:14" both find the S8 at 11:14.
 */
export function matchesSearch(d: Departure, query: string, timeZone: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const line = squash(d.line);
  const places = [d.destination, d.origin ?? ''].map((p) => p.toLowerCase());
  const times = [d.scheduledTime, d.expectedTime].flatMap((t) => (t ? [formatTime(t, timeZone).replace(':', '')] : []));
  const platforms = [d.platform, d.scheduledPlatform].flatMap((p) => (p ? [p.toLowerCase()] : []));
  return words.every((word) => {
    const digits = word.replace(':', '');
    if (/^\d{3,4}$/.test(digits)) return times.some((t) => t === digits.padStart(4, '0'));
    return (
      line === squash(word) ||
      line.startsWith(squash(word)) ||
      places.some((p) => p.includes(word)) ||
      platforms.includes(word) ||
      (/^\d{1,2}$/.test(word) && times.some((t) => t.startsWith(word.padStart(2, '0'))))
    );
  });
}

/** The lines among `rows`, each once, in order (`S2` before `S12`). */
export function linesOf(rows: readonly Departure[]): string[] {
  return [...new Set(rows.map((d) => d.line))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** `IC 5` → `ic5`: operators type lines without the space. */
function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}
