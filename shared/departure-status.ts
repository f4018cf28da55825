import type { DepartureStatus } from './board';

/** A train this many minutes late or more is shown as delayed (railway convention: under a minute is on time). */
export const DELAYED_FROM_MINUTES = 1;

/**
 * Whole minutes between the timetable and the estimate, as the two times are printed; 0 without
 * an estimate. A time is printed as the minute it falls in (as a clock shows it: 17:48:40 is
 * 17:48), and the delay is the difference of the two printed minutes, so a second-precision feed
 * can never make a screen say "17:48 17:48 +1" or "19:09 19:06 −2". Never rounded up: a departure
 * shown a minute later than it leaves is a missed train.
 */
export function delayMinutes(scheduledTime: string, expectedTime: string | null): number {
  if (expectedTime === null) return 0;
  return minuteOf(expectedTime) - minuteOf(scheduledTime);
}

/** The minute (since the epoch) an instant is printed as. Zones are whole minutes off UTC, so this holds in every zone. */
function minuteOf(instant: string): number {
  return Math.floor(Date.parse(instant) / 60_000);
}

/** The status every screen shows, derived from the row's facts so it can never contradict them. */
export function deriveStatus(row: { scheduledTime: string; expectedTime: string | null; cancelled: boolean }): DepartureStatus {
  if (row.cancelled) return 'cancelled';
  return delayMinutes(row.scheduledTime, row.expectedTime) >= DELAYED_FROM_MINUTES ? 'delayed' : 'on-time';
}
