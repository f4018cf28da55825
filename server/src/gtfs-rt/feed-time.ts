/** Time conversions between GTFS-Realtime (POSIX seconds) and the board (ISO instants, service dates). */
import { wallClock } from '#shared/zoned-time';

/** A feed timestamp (POSIX seconds) as the board's ISO instant. */
export function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** The calendar date (`YYYYMMDD`) of an instant in `timeZone`: the service date a feed means when it omits start_date. */
export function serviceDateOf(ms: number, timeZone: string): string {
  const { year, month, day } = wallClock(timeZone, ms);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}
