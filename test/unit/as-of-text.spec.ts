import { asOfText } from '../../web/src/offline/as-of-text';

describe(asOfText.name, () => {
  const asOf = new Date('2026-12-01T13:02:40.000Z');

  it("gives the kept board's time in the station's zone, not the screen's", () => {
    expect(asOfText(asOf, new Date('2026-12-01T15:00:00.000Z'), 'Europe/Zurich', 'en')).toBe('Offline · board as of 14:02');
    expect(asOfText(asOf, new Date('2026-12-01T15:00:00.000Z'), 'America/New_York', 'de')).toBe('Offline · Stand 08:02');
  });

  it("adds the date once the station's day has changed, even if fewer than 24 hours have passed", () => {
    expect(asOfText(asOf, new Date('2026-12-01T23:30:00.000Z'), 'Europe/Zurich', 'en')).toBe('Offline · board as of Tue 1 Dec, 14:02');
    expect(asOfText(asOf, new Date('2026-12-01T22:30:00.000Z'), 'Europe/Zurich', 'en')).toBe('Offline · board as of 14:02');
  });
});
