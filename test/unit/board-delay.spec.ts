import { delayMinutes, deriveStatus } from '#shared/departure-status';
import { formatDay, formatTime, shownDelay, stationDay } from '../../web/src/lib/time';

const ZURICH = 'Europe/Zurich';

describe(delayMinutes.name, () => {
  it.each([
    // [scheduled, expected, minutes]: the difference of the minutes as printed.
    ['2026-12-01T16:48:00Z', '2026-12-01T16:48:40Z', 0],
    ['2026-12-01T16:48:00Z', '2026-12-01T16:49:00Z', 1],
    ['2026-12-01T18:09:00Z', '2026-12-01T18:06:50Z', -3],
    ['2026-12-01T16:47:30Z', '2026-12-01T16:48:10Z', 1],
    ['2026-12-01T16:48:00Z', null, 0],
  ])('takes %s → %s as %p minutes', (scheduled, expected, minutes) => {
    expect(delayMinutes(scheduled, expected)).toBe(minutes);
  });

  it('always agrees with the two times a board prints', () => {
    const scheduled = Date.parse('2026-12-01T16:48:00Z');
    for (let seconds = -600; seconds <= 600; seconds += 7) {
      for (const offset of [0, 13_000, 59_000]) {
        const [s, e] = [new Date(scheduled + offset).toISOString(), new Date(scheduled + offset + seconds * 1000).toISOString()];
        const printed = (iso: string) => {
          const [h, m] = formatTime(iso, ZURICH).split(':').map(Number);
          return h * 60 + m;
        };
        expect(delayMinutes(s, e)).toBe(printed(e) - printed(s));
      }
    }
  });

  it('makes the server call a row delayed only when a board would print a delay', () => {
    expect(deriveStatus({ scheduledTime: '2026-12-01T16:48:00Z', expectedTime: '2026-12-01T16:48:59Z', cancelled: false })).toBe('on-time');
    expect(deriveStatus({ scheduledTime: '2026-12-01T16:48:00Z', expectedTime: '2026-12-01T16:49:00Z', cancelled: false })).toBe('delayed');
  });
});

describe(shownDelay.name, () => {
  const row = (seconds: number) => ({
    scheduledTime: '2026-12-01T16:48:00Z',
    expectedTime: new Date(Date.parse('2026-12-01T16:48:00Z') + seconds * 1000).toISOString(),
  });

  it('hides delays under the threshold and shows those from it on', () => {
    expect(shownDelay(row(90), 2)).toBeNull();
    expect(shownDelay(row(120), 2)).toEqual({ kind: 'late', minutes: 2, text: '+2' });
    expect(shownDelay(row(60), 1)).toEqual({ kind: 'late', minutes: 1, text: '+1' });
  });

  it('shows early running from the first minute, whatever the threshold, as its own kind', () => {
    expect(shownDelay(row(-60), 5)).toEqual({ kind: 'early', minutes: -1, text: '−1' });
    expect(shownDelay(row(-10), 5)).toEqual({ kind: 'early', minutes: -1, text: '−1' });
  });

  it('shows nothing without an estimate', () => {
    expect(shownDelay({ scheduledTime: '2026-12-01T16:48:00Z', expectedTime: null }, 2)).toBeNull();
  });
});

describe(stationDay.name, () => {
  it("is the station's calendar day, not UTC's", () => {
    expect(stationDay('2026-12-01T23:30:00Z', ZURICH)).toBe('2026-12-02');
    expect(stationDay('2026-12-01T23:30:00Z', 'UTC')).toBe('2026-12-01');
    expect(stationDay(Date.parse('2026-12-01T22:59:59Z'), ZURICH)).toBe('2026-12-01');
  });
});

describe(formatDay.name, () => {
  it("writes the day in the board's language", () => {
    expect(formatDay('2026-12-02T08:00:00Z', ZURICH, 'en')).toBe('Wed 2 Dec');
    expect(formatDay('2026-12-02T08:00:00Z', ZURICH, 'de')).toBe('Mi., 2. Dez.');
  });
});
