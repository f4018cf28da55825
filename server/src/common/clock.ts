/**
 * The boards' clock. Normally the wall clock; with `CLOCK` set, it starts at that instant and runs
 * on from there, so recorded feeds (a GTFS-Realtime capture from another day) can be replayed
 * against their timetable as if live. Screens follow it through the heartbeat's `serverTime`.
 * Security timings (sessions, tokens, rate limits) always use the wall clock.
 */
let offsetMs = 0;

/** Starts the boards' clock at `start` (or back on the wall clock with `null`). */
export function setBoardClock(start: Date | null): void {
  offsetMs = start === null ? 0 : start.getTime() - Date.now();
}

/** Now, on the boards' clock. */
export function boardNow(): Date {
  return new Date(Date.now() + offsetMs);
}
