/**
 * GTFS dates and times without a date library. A GTFS time ("25:10:00") is not a clock time: it is
 * a duration from "noon minus 12h" of the service date in the agency's timezone. That is midnight
 * on most days, but 23:00 of the day before when clocks spring forward and 01:00 when they fall
 * back, so a trip timed across the change still runs the same number of minutes.
 */
import { instantAt, wallClock } from '#shared/zoned-time';

const SECONDS_PER_DAY = 86_400;
const HOUR_MS = 3_600_000;
const TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/;
const SERVICE_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** Seconds since "noon minus 12h" of a GTFS time (`H:MM:SS` or `HH:MM:SS`, hours may pass 24), or `null` when it is not one. */
export function parseGtfsTime(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Whether `text` is a real calendar date written `YYYYMMDD`. */
export function isServiceDate(text: string): boolean {
  const match = SERVICE_DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatUtcDate(date) === text;
}

/** `date` (`YYYYMMDD`) plus `days` (may be negative), as `YYYYMMDD`. */
export function addDays(date: string, days: number): string {
  return formatUtcDate(new Date(utcMidnight(date) + days * SECONDS_PER_DAY * 1000));
}

/** Day of the week of a `YYYYMMDD` date: 0 Sunday … 6 Saturday (as `Date.getUTCDay`). */
export function weekdayOf(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** The date it is in `timeZone` at `now`, as `YYYYMMDD`: where a window of service days starts. */
export function serviceDateToday(timeZone: string, now: Date = new Date()): string {
  const parts = wallClock(timeZone, now.getTime());
  return `${parts.year}${pad(parts.month)}${pad(parts.day)}`;
}

/**
 * The UTC instant (ms) that GTFS times on `serviceDate` count from: noon in `timeZone`, minus 12h.
 * Callers that convert many times cache this per date rather than asking Intl for every call.
 */
export function serviceDayStart(serviceDate: string, timeZone: string): number {
  const match = SERVICE_DATE.exec(serviceDate);
  if (!match) throw new RangeError(`"${serviceDate}" is not a date (YYYYMMDD)`);
  // Noon is never inside a clock change, so its instant is always well defined.
  return (
    instantAt(timeZone, { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 12, minute: 0 }) - 12 * HOUR_MS
  );
}

/** A GTFS time on a service date in the agency's timezone, as a UTC ISO string; `null` when `time` is not a GTFS time. */
export function gtfsTimeToIso(time: string, serviceDate: string, timeZone: string): string | null {
  const seconds = parseGtfsTime(time);
  if (seconds === null) return null;
  return new Date(serviceDayStart(serviceDate, timeZone) + seconds * 1000).toISOString();
}

function utcMidnight(date: string): number {
  const match = SERVICE_DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date (YYYYMMDD)`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function formatUtcDate(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
