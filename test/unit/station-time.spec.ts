import { clockAfter, clockNearest, formatWait, stationClock, stationDateTimeToIso } from '../../web/src/lib/console/station-time';

describe(clockNearest.name, () => {
  it('reads a time of day at the station, not in the machine’s timezone', () => {
    // 09:32 in Zürich in winter is 08:32 UTC.
    expect(clockNearest('09:42', 'Europe/Zurich', '2026-11-23T08:32:00Z')?.toISOString()).toBe('2026-11-23T08:42:00.000Z');
    expect(clockNearest('09:42', 'America/New_York', '2026-11-23T14:32:00Z')?.toISOString()).toBe('2026-11-23T14:42:00.000Z');
  });

  it('takes the next day when the time is just after midnight for a late train', () => {
    // Timetabled 23:55 in Zürich (22:55 UTC); expected 00:10 is the next day.
    expect(clockNearest('00:10', 'Europe/Zurich', '2026-11-23T22:55:00Z')?.toISOString()).toBe('2026-11-23T23:10:00.000Z');
  });

  it('takes the previous day for an early train across midnight', () => {
    // Timetabled 00:05 on the 24th in Zürich; 23:58 is the evening before.
    expect(clockNearest('23:58', 'Europe/Zurich', '2026-11-23T23:05:00Z')?.toISOString()).toBe('2026-11-23T22:58:00.000Z');
  });

  it('follows summer time', () => {
    expect(clockNearest('09:00', 'Europe/Zurich', '2026-07-01T07:00:00Z')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('refuses what is not a time of day', () => {
    expect(clockNearest('', 'Europe/Zurich', '2026-11-23T08:32:00Z')).toBeNull();
    expect(clockNearest('24:00', 'Europe/Zurich', '2026-11-23T08:32:00Z')).toBeNull();
    expect(clockNearest('9:5', 'Europe/Zurich', '2026-11-23T08:32:00Z')).toBeNull();
  });
});

describe(clockAfter.name, () => {
  it('takes today when the time is still to come, tomorrow when it has passed', () => {
    const now = '2026-11-23T09:00:00Z'; // 10:00 in Zürich
    expect(clockAfter('11:30', 'Europe/Zurich', now)?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(clockAfter('08:00', 'Europe/Zurich', now)?.toISOString()).toBe('2026-11-24T07:00:00.000Z');
  });
});

describe(stationClock.name, () => {
  it('gives the value a time input takes, in station time', () => {
    expect(stationClock('2026-11-23T08:42:00Z', 'Europe/Zurich')).toBe('09:42');
  });
});

describe(stationDateTimeToIso.name, () => {
  it('turns a datetime-local value at the station into an instant, and empty into null', () => {
    expect(stationDateTimeToIso('2026-11-23T18:30', 'Europe/Zurich')).toBe('2026-11-23T17:30:00.000Z');
    expect(stationDateTimeToIso('', 'Europe/Zurich')).toBeNull();
    expect(stationDateTimeToIso('tomorrow', 'Europe/Zurich')).toBeNull();
  });
});

describe(formatWait.name, () => {
  it('says seconds under a minute, whole minutes after', () => {
    expect(formatWait(0.2)).toBe('1 s');
    expect(formatWait(42)).toBe('42 s');
    expect(formatWait(61)).toBe('2 min');
  });
});
