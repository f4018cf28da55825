/**
 * Wall-clock time in an IANA timezone, without a date library: what a station's clock shows at an
 * instant, and the instant at which it shows a given time. The one implementation the server (GTFS
 * service days, feed dates) and the web app (operators typing station times) share.
 */

/** What a clock in a timezone shows: the calendar date and the time of day, hour 0–23. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Building a DateTimeFormat costs far more than using one; callers convert thousands of times in a handful of zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows `timeZone` as an IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What the clock in `timeZone` shows at `instant` (ms since the epoch). */
export function wallClock(timeZone: string, instant: number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    // Some engines write midnight as hour 24 even with hourCycle h23.
    hour: fields.hour % 24,
    minute: fields.minute,
    second: fields.second,
  };
}

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in ms. */
export function offsetMs(timeZone: string, instant: number): number {
  const p = wallClock(timeZone, instant);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ms) at which the clock in `timeZone` shows this date and time. A time that does not
 * exist (skipped when clocks spring forward) lands an hour later; one that happens twice (when they
 * fall back), on its first occurrence's offset as found from the guess.
 */
export function instantAt(timeZone: string, clock: Omit<WallClock, 'second'> & { second?: number }): number {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second ?? 0);
  // Guess with the offset at the wall time read as UTC, then correct once for a clock change between.
  const guess = asUtc - offsetMs(timeZone, asUtc);
  return asUtc - offsetMs(timeZone, guess);
}
