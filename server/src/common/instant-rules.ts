import type { FieldError } from '#shared/api';

/**
 * The one reading of a time on the API: an RFC 3339 instant with its UTC offset,
 * `YYYY-MM-DDTHH:MM:SS(.fraction)?(Z|±HH:MM)`, and, as in ISO 8601's extended format, seconds may
 * be left out (`2026-11-23T09:32+01:00`), which the API accepted before and which Date reads the
 * same way. Nothing else: no week (`2026-W49-2`), ordinal (`2026-335`) or basic (`20261201T2000Z`)
 * forms, no hour-only times, no offset-less local times (they would be read in the server's zone),
 * no lower-case `t`/`z`, no `+0100`, no leap second (`:60`, which a Date cannot hold), no hour 24.
 * The calendar is checked: there is no 30 February.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

export const INSTANT_EXAMPLE = '2026-11-23T09:32:00+01:00';

/** A parsed instant (`utc`: normalized to `Z` with milliseconds), or why the text is not one. */
export type ParsedInstant = { ok: true; epochMs: number; utc: string } | { ok: false; problem: string };

/** Reads `value` as an instant; `problem` completes a sentence that starts with the field's name. */
export function parseInstant(value: string): ParsedInstant {
  const match = INSTANT.exec(value);
  if (!match) {
    if (WITHOUT_OFFSET.test(value)) return { ok: false, problem: 'must include a UTC offset ("Z" or "+01:00")' };
    return { ok: false, problem: `must be an RFC 3339 date-time with a UTC offset, like "${INSTANT_EXAMPLE}"` };
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offset = match[8] === 'Z' ? 0 : offsetMinutes(match[8]);
  const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!real || offset === null) return { ok: false, problem: 'is not a real date and time' };
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const epochMs = date.getTime() - offset * 60_000;
  return { ok: true, epochMs, utc: new Date(epochMs).toISOString() };
}

function offsetMinutes(offset: string): number | null {
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** How far from now (the boards' clock) a time may be: further out, it is a typo or garbage. */
export interface InstantWindow {
  pastDays: number;
  futureDays: number;
}

/**
 * Departure times: a day's delay (the most an estimate may be late) plus a day of slack behind,
 * and a timetable year plus a month ahead (agencies publish up to a year, changing in December).
 */
export const DEPARTURE_WINDOW: InstantWindow = { pastDays: 2, futureDays: 400 };

/** Alert validity: a notice about works may have started up to a year ago and run two years. */
export const ALERT_WINDOW: InstantWindow = { pastDays: 365, futureDays: 730 };

const DAY_MS = 86_400_000;

/** A field error when `utc` (an instant already parsed) lies outside `window` around `now`. */
export function windowError(field: string, utc: string, now: Date, window: InstantWindow): FieldError | null {
  const at = Date.parse(utc);
  if (at >= now.getTime() - window.pastDays * DAY_MS && at <= now.getTime() + window.futureDays * DAY_MS) return null;
  return { field, message: `${field} must be between ${window.pastDays} days ago and ${window.futureDays} days from now` };
}
