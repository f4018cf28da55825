import type { DepartureStatus } from './board';

/** A train this many minutes late or more is shown as delayed (railway convention: under a minute is on time). */
export const DELAYED_FROM_MINUTES = 1;

/** Whole minutes between the timetable and the estimate; 0 without an estimate. */
export function delayMinutes(scheduledTime: string, expectedTime: string | null): number {
  if (expectedTime === null) return 0;
  return Math.round((Date.parse(expectedTime) - Date.parse(scheduledTime)) / 60_000);
}

/** The status every screen shows, derived from the row's facts so it can never contradict them. */
export function deriveStatus(row: { scheduledTime: string; expectedTime: string | null; cancelled: boolean }): DepartureStatus {
  if (row.cancelled) return 'cancelled';
  return delayMinutes(row.scheduledTime, row.expectedTime) >= DELAYED_FROM_MINUTES ? 'delayed' : 'on-time';
}
