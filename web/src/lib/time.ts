import type { Departure } from '#shared/board';
import { delayMinutes } from '#shared/departure-status';
import { instantAt } from '#shared/zoned-time';

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

/** The delay as printed beside the expected time: `+16`, `-2`; `null` when there is none to show. */
export function formatDelay(departure: Pick<Departure, 'scheduledTime' | 'expectedTime'>): string | null {
  const minutes = delayMinutes(departure.scheduledTime, departure.expectedTime);
  if (minutes === 0) return null;
  return minutes > 0 ? `+${minutes}` : `−${-minutes}`;
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
