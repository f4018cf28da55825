import { ALERT_WINDOW, DEPARTURE_WINDOW, parseInstant, windowError } from '../../server/src/common/instant-rules';

const FORM = 'must be an RFC 3339 date-time with a UTC offset, like "2026-11-23T09:32:00+01:00"';
const OFFSET = 'must include a UTC offset ("Z" or "+01:00")';
const UNREAL = 'is not a real date and time';

describe(parseInstant.name, () => {
  it.each([
    ['2026-12-01T20:00:00Z', '2026-12-01T20:00:00.000Z'],
    ['2026-12-01T21:00:00+01:00', '2026-12-01T20:00:00.000Z'],
    ['2026-12-01T15:30:00-04:30', '2026-12-01T20:00:00.000Z'],
    ['2026-12-01T20:00:00-00:00', '2026-12-01T20:00:00.000Z'],
    ['2026-12-01T20:00Z', '2026-12-01T20:00:00.000Z'],
    ['2026-12-01T21:00+01:00', '2026-12-01T20:00:00.000Z'],
    ['2026-12-01T20:00:00.5Z', '2026-12-01T20:00:00.500Z'],
    ['2026-12-01T20:00:00.123456789Z', '2026-12-01T20:00:00.123Z'],
    ['2026-12-02T00:30:00+14:00', '2026-12-01T10:30:00.000Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, utc) => {
    expect(parseInstant(text)).toEqual({ ok: true, epochMs: Date.parse(utc), utc });
  });

  it.each([
    ['a week date', '2026-W49-2T20:00:00Z', FORM],
    ['an ordinal date', '2026-335T20:00:00Z', FORM],
    ['the basic format', '20261201T200000Z', FORM],
    ['an hour-only time', '2026-12-01T20Z', FORM],
    ['a date alone', '2026-12-01', FORM],
    ['a space for the T', '2026-12-01 20:00:00Z', FORM],
    ['lower-case t and z', '2026-12-01t20:00:00z', FORM],
    ['an offset without a colon', '2026-12-01T20:00:00+0100', FORM],
    ['an hour-only offset', '2026-12-01T20:00:00+01', FORM],
    ['a fraction without seconds', '2026-12-01T20:00.5Z', FORM],
    ['a five-digit year', '+12026-12-01T20:00:00Z', FORM],
    ['a date in words', 'Tue Dec 01 2026 20:00:00 GMT+0100', FORM],
    ['surrounding spaces', ' 2026-12-01T20:00:00Z ', FORM],
    ['a local time', '2026-12-01T20:00:00', OFFSET],
    ['a local time without seconds', '2026-12-01T20:00', OFFSET],
    ['a local time with a fraction', '2026-12-01T20:00:00.250', OFFSET],
    ['the 30th of February', '2026-02-30T20:00:00Z', UNREAL],
    ['the 29th of February of a common year', '2026-02-29T20:00:00Z', UNREAL],
    ['the 29th of February of 1900', '1900-02-29T20:00:00Z', UNREAL],
    ['the 31st of April', '2026-04-31T20:00:00Z', UNREAL],
    ['month 13', '2026-13-01T20:00:00Z', UNREAL],
    ['month 0', '2026-00-10T20:00:00Z', UNREAL],
    ['day 0', '2026-12-00T20:00:00Z', UNREAL],
    ['hour 24', '2026-12-01T24:00:00Z', UNREAL],
    ['hour 25', '2026-12-01T25:00:00Z', UNREAL],
    ['minute 60', '2026-12-01T20:60:00Z', UNREAL],
    ['a leap second', '2026-12-31T23:59:60Z', UNREAL],
    ['an offset of 24 hours', '2026-12-01T20:00:00+24:00', UNREAL],
    ['an offset minute of 60', '2026-12-01T20:00:00+01:60', UNREAL],
  ])('refuses %s (%s)', (_, text, problem) => {
    expect(parseInstant(text)).toEqual({ ok: false, problem });
  });
});

describe(windowError.name, () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const day = 86_400_000;
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();

  it('accepts a departure up to 2 days back and 400 days ahead, inclusive', () => {
    for (const days of [-2, -1, 0, 1, 399, 400]) expect(windowError('scheduledTime', at(days), now, DEPARTURE_WINDOW)).toBeNull();
  });

  it('refuses a departure further out, saying the window', () => {
    const message = 'scheduledTime must be between 2 days ago and 400 days from now';
    expect(windowError('scheduledTime', at(-2.001), now, DEPARTURE_WINDOW)).toEqual({ field: 'scheduledTime', message });
    expect(windowError('scheduledTime', at(400.001), now, DEPARTURE_WINDOW)).toEqual({ field: 'scheduledTime', message });
    expect(windowError('scheduledTime', '9999-12-31T23:59:00.000Z', now, DEPARTURE_WINDOW)).toEqual({ field: 'scheduledTime', message });
    expect(windowError('scheduledTime', '1970-01-01T00:00:00.000Z', now, DEPARTURE_WINDOW)).toEqual({ field: 'scheduledTime', message });
  });

  it('gives alerts a year back and two years ahead', () => {
    expect(windowError('validFrom', at(-365), now, ALERT_WINDOW)).toBeNull();
    expect(windowError('validUntil', at(730), now, ALERT_WINDOW)).toBeNull();
    expect(windowError('validUntil', at(731), now, ALERT_WINDOW)).toEqual({
      field: 'validUntil',
      message: 'validUntil must be between 365 days ago and 730 days from now',
    });
  });

  it('goes by the clock it is given, so a replay of 2023 takes 2023 times', () => {
    const replay = new Date('2023-11-08T01:00:00Z');
    expect(windowError('scheduledTime', '2023-11-08T01:09:00.000Z', replay, DEPARTURE_WINDOW)).toBeNull();
    expect(windowError('scheduledTime', '2023-11-08T01:09:00.000Z', now, DEPARTURE_WINDOW)).not.toBeNull();
  });
});
