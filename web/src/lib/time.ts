import type { Departure } from '#shared/board';
import { delayMinutes } from '#shared/departure-status';
import { instantAt, wallClock } from '#shared/zoned-time';

/**
 * Times are shown in the station's timezone, never the device's: a screen's OS clock may be
 * set to anything. Formatters are costly to build, so one per timezone (and precision) is kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const STYLES = {
  minutes: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  date: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function format(instant: string | Date, timeZone: string, style: keyof typeof STYLES): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '--:--';
  const key = `${timeZone}|${style}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat('en-GB', { ...STYLES[style], timeZone });
    } catch {
      // An unknown timezone would otherwise blank the whole board; UTC is wrong but readable.
      cached = new Intl.DateTimeFormat('en-GB', { ...STYLES[style], timeZone: 'UTC' });
    }
    formatters.set(key, cached);
  }
  return cached.format(date);
}

/** `09:32` (or `09:32:05` with seconds) in the given IANA timezone. */
export function formatTime(instant: string | Date, timeZone: string, seconds = false): string {
  return format(instant, timeZone, seconds ? 'seconds' : 'minutes');
}

/** `Mon 23 Nov, 09:32` in the given IANA timezone, for instants that may be days away. */
export function formatDateTime(instant: string | Date, timeZone: string): string {
  return format(instant, timeZone, 'date');
}

/** The delay as printed beside the expected time: `+16`, `−2`; `null` when there is none to show. */
export function formatDelay(departure: Pick<Departure, 'scheduledTime' | 'expectedTime'>): string | null {
  const minutes = delayMinutes(departure.scheduledTime, departure.expectedTime);
  if (minutes === 0) return null;
  return signed(minutes);
}

/** What a board says of a row's estimate: late by `minutes`, early by `-minutes`, or nothing. */
export type ShownDelay = { kind: 'late' | 'early'; minutes: number; text: string } | null;

/**
 * The estimate a board shows: a delay from `delayFrom` minutes on (shorter ones are noise), and
 * running early from the first minute, because a passenger who trusts the timetable then misses
 * the train. Both by the printed minutes (see `delayMinutes`), so time and delay always agree.
 */
export function shownDelay(departure: Pick<Departure, 'scheduledTime' | 'expectedTime'>, delayFrom: number): ShownDelay {
  const minutes = delayMinutes(departure.scheduledTime, departure.expectedTime);
  if (minutes >= Math.max(1, delayFrom)) return { kind: 'late', minutes, text: signed(minutes) };
  if (minutes < 0) return { kind: 'early', minutes, text: signed(minutes) };
  return null;
}

function signed(minutes: number): string {
  return minutes > 0 ? `+${minutes}` : `−${-minutes}`;
}

/** The station's calendar day of an instant, as `2026-12-01`: rows on another day than today say which. */
export function stationDay(instant: string | Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  if (Number.isNaN(ms)) return '';
  try {
    const { year, month, day } = wallClock(timeZone, ms);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  } catch {
    return stationDay(ms, 'UTC');
  }
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** `Wed 2 Dec` / `Mi., 2. Dez.`: the date a row from another day carries, in the board's language. */
export function formatDay(instant: string, timeZone: string, lang: string): string {
  const key = `${timeZone}|${lang}`;
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
    const locale = lang === 'de' ? 'de-CH' : 'en-GB';
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    dayFormatters.set(key, formatter);
  }
  return formatter.format(new Date(instant));
}

/** Whole minutes from `now` until the instant; negative once it has passed. */
export function minutesUntil(instant: string, now: Date): number {
  return Math.floor((Date.parse(instant) - now.getTime()) / 60_000);
}

/**
 * The instant at which a wall-clock time (`2026-11-23T18:30`, as a datetime-local input gives)
 * occurs in `timeZone`. Operators think in the station's time, not their laptop's.
 */
export function zonedTimeToInstant(wallTime: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(wallTime);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return new Date(instantAt(timeZone, { year, month, day, hour, minute }));
}
