import { wallClock } from '#shared/zoned-time';
import { formatDateTime, formatTime, zonedTimeToInstant } from '../time';

/**
 * Operators type times as the station's clocks show them (`09:42`), whatever their laptop's
 * timezone; the API wants instants. A time of day alone leaves the date open, so each caller says
 * which day it means: the one nearest a reference (an estimate lies near the timetabled time,
 * across midnight too) or the first one after it (a hold lasts until a time still to come).
 */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** `09:42`, the value a `<input type="time">` takes, in the station's timezone. */
export function stationClock(instant: string | Date, timeZone: string): string {
  return formatTime(instant, timeZone);
}

/** The instant a station-clock time (`HH:MM`) falls on nearest to `reference`; `null` when not a time. */
export function clockNearest(clock: string, timeZone: string, reference: string | Date): Date | null {
  const candidates = candidatesAround(clock, timeZone, reference);
  if (!candidates) return null;
  const at = new Date(reference).getTime();
  return candidates.reduce((best, next) => (Math.abs(next.getTime() - at) < Math.abs(best.getTime() - at) ? next : best));
}

/** The first instant after `reference` at which the station's clock shows `clock`. */
export function clockAfter(clock: string, timeZone: string, reference: string | Date): Date | null {
  const at = new Date(reference).getTime();
  return candidatesAround(clock, timeZone, reference)?.find((candidate) => candidate.getTime() > at) ?? null;
}

/** The time of day on the station's calendar day before, of and after `reference`, in order. */
function candidatesAround(clock: string, timeZone: string, reference: string | Date): Date[] | null {
  if (!HH_MM.test(clock)) return null;
  const day = stationDate(new Date(reference), timeZone);
  const midnight = Date.UTC(day.year, day.month - 1, day.day);
  const candidates = [-1, 0, 1].map((offset) => {
    const date = new Date(midnight + offset * DAY_MS).toISOString().slice(0, 10);
    return zonedTimeToInstant(`${date}T${clock}`, timeZone);
  });
  return candidates.filter((c): c is Date => c !== null);
}

/** The calendar date at the station at `instant`. */
function stationDate(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  return wallClock(timeZone, instant.getTime());
}

/** A `<input type="datetime-local">` value as an ISO instant at the station; `null` when empty or invalid. */
export function stationDateTimeToIso(value: string, timeZone: string): string | null {
  return value ? (zonedTimeToInstant(value, timeZone)?.toISOString() ?? null) : null;
}

/** `42 s`, `3 min`: a wait, rounded up to what a person would say. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

/** `Mon 23 Nov, 09:32:05` at the station: the audit log tells changes a second apart. */
export function stationDateTimeSeconds(instant: string, timeZone: string): string {
  return formatDateTime(instant, timeZone).replace(/\d\d:\d\d$/, formatTime(instant, timeZone, true));
}
