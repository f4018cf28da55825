import { instantAt, offsetMs, wallClock } from '../../shared/zoned-time';
import { zonedTimeToInstant } from '../../web/src/lib/time';
import { gtfsTimeToIso } from '../../server/src/gtfs/gtfs-time';

const ZURICH = 'Europe/Zurich';

describe('zoned time (shared by the server and the web app)', () => {
  it('reads a station clock, midnight as hour 0', () => {
    expect(wallClock(ZURICH, Date.parse('2026-11-30T23:00:00Z'))).toEqual({ year: 2026, month: 12, day: 1, hour: 0, minute: 0, second: 0 });
    expect(wallClock('America/Los_Angeles', Date.parse('2026-07-01T06:59:30Z'))).toEqual({
      year: 2026,
      month: 6,
      day: 30,
      hour: 23,
      minute: 59,
      second: 30,
    });
  });

  it('knows the offset on both sides of a clock change', () => {
    expect(offsetMs(ZURICH, Date.parse('2026-03-29T00:59:00Z'))).toBe(3_600_000);
    expect(offsetMs(ZURICH, Date.parse('2026-03-29T01:00:00Z'))).toBe(7_200_000);
  });

  it('finds the instant a clock shows a time, across clock changes', () => {
    const at = (clock: Parameters<typeof instantAt>[1]) => new Date(instantAt(ZURICH, clock)).toISOString();
    expect(at({ year: 2026, month: 12, day: 1, hour: 9, minute: 32 })).toBe('2026-12-01T08:32:00.000Z');
    expect(at({ year: 2026, month: 7, day: 1, hour: 9, minute: 32 })).toBe('2026-07-01T07:32:00.000Z');
    // The day clocks spring forward: 01:30 is still winter time, 03:30 already summer time.
    expect(at({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 })).toBe('2026-03-29T00:30:00.000Z');
    expect(at({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 })).toBe('2026-03-29T01:30:00.000Z');
    // Midnight, which some engines write as hour 24.
    expect(at({ year: 2026, month: 12, day: 1, hour: 0, minute: 0 })).toBe('2026-11-30T23:00:00.000Z');
  });

  it('gives the console and the GTFS import the same instant for the same station time', () => {
    expect(zonedTimeToInstant('2026-03-29T08:15', ZURICH)?.toISOString()).toBe(gtfsTimeToIso('08:15:00', '20260329', ZURICH));
    expect(zonedTimeToInstant('2026-10-25T08:15', ZURICH)?.toISOString()).toBe(gtfsTimeToIso('08:15:00', '20261025', ZURICH));
  });
});
