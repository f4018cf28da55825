import { currentDelay, departureLabel, describeConflict } from '../../web/src/lib/console/departure-facts';
import type { Departure, FeedValues } from '#shared/board';
import { departure } from '../support/factories';

const TZ = 'Europe/Zurich';
/** Timetabled 09:32 at the station (08:32 UTC in winter). */
const row = (overrides: Partial<Departure> = {}) => departure({ scheduledTime: '2026-11-23T08:32:00.000Z', ...overrides });
/** Held at 09:42 on platform 5, with what the feed said meanwhile (`null`: nothing). */
const held = (feed: Partial<FeedValues> | null) =>
  row({
    expectedTime: '2026-11-23T08:42:00.000Z',
    platform: '5',
    scheduledPlatform: '4',
    status: 'delayed',
    override: {
      by: 'alice',
      at: '2026-11-23T08:00:00.000Z',
      until: null,
      feed: feed && {
        expectedTime: null,
        platform: '4',
        cancelled: false,
        cancelReason: null,
        remarks: [],
        at: '2026-11-23T08:10:00.000Z',
        ...feed,
      },
    },
  });

describe(describeConflict.name, () => {
  it('states what the feed says against what the operator holds, field by field', () => {
    const d = held({ expectedTime: '2026-11-23T08:35:00.000Z', platform: '6' });
    expect(describeConflict(d, TZ)).toEqual({ feed: '09:35, platform 6', held: '09:42, platform 5' });
  });

  it('names only the facts that differ', () => {
    expect(describeConflict(held({ expectedTime: '2026-11-23T08:42:00.000Z', platform: '6' }), TZ)).toEqual({
      feed: 'platform 6',
      held: 'platform 5',
    });
    expect(
      describeConflict(held({ expectedTime: '2026-11-23T08:42:00.000Z', platform: '5', cancelled: true, cancelReason: 'Strike' }), TZ),
    ).toEqual({
      feed: 'cancelled (Strike)',
      held: 'running',
    });
  });

  it('is null while the feed agrees or has not spoken, and for rows the feed is in charge of', () => {
    expect(describeConflict(held(null), TZ)).toBeNull();
    expect(describeConflict(row(), TZ)).toBeNull();
  });

  it('falls back to the time when the difference does not show (no estimate against an on-time one)', () => {
    const d = row({
      expectedTime: '2026-11-23T08:32:00.000Z',
      override: {
        by: 'a',
        at: 'x',
        until: null,
        feed: { expectedTime: null, platform: '33', cancelled: false, cancelReason: null, remarks: [], at: 'y' },
      },
    });
    expect(describeConflict(d, TZ)).toEqual({ feed: '09:32', held: '09:32' });
  });
});

describe(departureLabel.name, () => {
  it('tells rows apart by time, line, destination, delay and state', () => {
    expect(departureLabel(row(), TZ)).toBe('09:32 · S8 · Pfäffikon SZ');
    expect(departureLabel(held({ platform: '6' }), TZ)).toBe('09:32 · S8 · Pfäffikon SZ (+10) · feed disagrees');
    expect(departureLabel(held(null), TZ)).toBe('09:32 · S8 · Pfäffikon SZ (+10) · held');
    expect(departureLabel(row({ status: 'cancelled' }), TZ)).toBe('09:32 · S8 · Pfäffikon SZ · cancelled');
    expect(departureLabel(row({ kind: 'arrival', origin: 'Chur' }), TZ)).toBe('09:32 · S8 · arrival from Chur');
  });
});

describe(currentDelay.name, () => {
  it('is the whole minutes after the timetable, 0 without an estimate', () => {
    expect(currentDelay(row())).toBe(0);
    expect(currentDelay(row({ expectedTime: '2026-11-23T08:37:00.000Z' }))).toBe(5);
    expect(currentDelay(row({ expectedTime: '2026-11-23T08:30:00.000Z' }))).toBe(-2);
  });
});
