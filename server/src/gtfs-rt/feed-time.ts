/** Time conversions between GTFS-Realtime (POSIX seconds) and the board (ISO instants, service dates). */

/** A feed timestamp (POSIX seconds) as the board's ISO instant. */
export function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** The calendar date (`YYYYMMDD`) of an instant in `timeZone`: the service date a feed means when it omits start_date. */
export function serviceDateOf(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}${part('month')}${part('day')}`;
}
