import { addDays, gtfsTimeToIso, isServiceDate, parseGtfsTime, serviceDateToday, serviceDayStart } from '../../server/src/gtfs/gtfs-time';
import { isTimeZone } from '../../shared/zoned-time';

const LA = 'America/Los_Angeles';

describe(parseGtfsTime.name, () => {
  it('reads H:MM:SS and HH:MM:SS as seconds of the service day, hours past 24 included', () => {
    expect(parseGtfsTime('5:00:00')).toBe(5 * 3600);
    expect(parseGtfsTime('05:07:30')).toBe(5 * 3600 + 7 * 60 + 30);
    expect(parseGtfsTime('25:10:00')).toBe(25 * 3600 + 10 * 60);
  });

  it('refuses what is not a GTFS time', () => {
    for (const text of ['', '25:7x:00', '12:60:00', '12:00', '12:00:00 ', '-1:00:00', '1:2:3']) {
      expect(parseGtfsTime(text)).toBeNull();
    }
  });
});

describe(gtfsTimeToIso.name, () => {
  it('converts a time on an ordinary day in the agency timezone to UTC', () => {
    // PST is UTC-8 on 2023-11-07.
    expect(gtfsTimeToIso('17:03:00', '20231107', LA)).toBe('2023-11-08T01:03:00.000Z');
    expect(gtfsTimeToIso('08:00:00', '20231107', 'Europe/Zurich')).toBe('2023-11-07T07:00:00.000Z');
    expect(gtfsTimeToIso('08:00:00', '20230707', 'Europe/Zurich')).toBe('2023-07-07T06:00:00.000Z');
  });

  it('puts times past 24:00:00 on the next calendar day of the same service day', () => {
    expect(gtfsTimeToIso('24:00:00', '20231107', LA)).toBe('2023-11-08T08:00:00.000Z');
    expect(gtfsTimeToIso('25:10:00', '20231107', LA)).toBe('2023-11-08T09:10:00.000Z');
  });

  it('counts from noon minus 12h when clocks fall back (2023-11-05 in Los Angeles)', () => {
    // Noon is PST (20:00Z), so the day counts from 08:00Z, which is 01:00 PDT, not midnight.
    expect(serviceDayStart('20231105', LA)).toBe(Date.parse('2023-11-05T08:00:00Z'));
    expect(gtfsTimeToIso('12:00:00', '20231105', LA)).toBe('2023-11-05T20:00:00.000Z');
    expect(gtfsTimeToIso('01:30:00', '20231105', LA)).toBe('2023-11-05T09:30:00.000Z');
    expect(gtfsTimeToIso('03:00:00', '20231105', LA)).toBe('2023-11-05T11:00:00.000Z');
  });

  it('counts from noon minus 12h when clocks spring forward (2024-03-10 in Los Angeles)', () => {
    // Noon is PDT (19:00Z), so the day counts from 07:00Z: 23:00 PST the evening before.
    expect(gtfsTimeToIso('00:00:00', '20240310', LA)).toBe('2024-03-10T07:00:00.000Z');
    expect(gtfsTimeToIso('08:00:00', '20240310', LA)).toBe('2024-03-10T15:00:00.000Z');
    expect(gtfsTimeToIso('12:00:00', '20240310', LA)).toBe('2024-03-10T19:00:00.000Z');
  });

  it('gives null for what is not a time', () => {
    expect(gtfsTimeToIso('25:7x:00', '20231107', LA)).toBeNull();
  });
});

describe(serviceDateToday.name, () => {
  it('takes the date in the given timezone, not in UTC', () => {
    const now = new Date('2023-11-08T01:05:34Z');
    expect(serviceDateToday(LA, now)).toBe('20231107');
    expect(serviceDateToday('Pacific/Auckland', now)).toBe('20231108');
    expect(serviceDateToday('UTC', now)).toBe('20231108');
  });
});

describe(addDays.name, () => {
  it('adds and subtracts days across months, years and leap days', () => {
    expect(addDays('20231107', 1)).toBe('20231108');
    expect(addDays('20231231', 1)).toBe('20240101');
    expect(addDays('20240228', 1)).toBe('20240229');
    expect(addDays('20240301', -1)).toBe('20240229');
    expect(addDays('20231105', 7)).toBe('20231112');
  });
});

describe(isServiceDate.name, () => {
  it('accepts real YYYYMMDD dates only', () => {
    expect(isServiceDate('20240229')).toBe(true);
    expect(isServiceDate('20230229')).toBe(false);
    expect(isServiceDate('20231340')).toBe(false);
    expect(isServiceDate('2023-11-07')).toBe(false);
  });
});

describe(isTimeZone.name, () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone(LA)).toBe(true);
    expect(isTimeZone('Europe/Zurich')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
