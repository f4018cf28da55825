import { buildDeparture, patchDeparture } from '../../server/src/departures/departure-rules';
import { departure, departureBody } from '../support/factories';

const now = new Date('2026-11-23T08:00:00.000Z');

describe('departure rules', () => {
  it('normalizes a PUT: UTC times, platform defaults to the timetabled one, status derived', () => {
    const d = buildDeparture(
      's8',
      departureBody({ scheduledTime: '2026-11-23T09:32:00+01:00', expectedTime: '2026-11-23T09:48:00+01:00' }),
      null,
      now,
    );
    expect(d).toMatchObject({
      scheduledTime: '2026-11-23T08:32:00.000Z',
      expectedTime: '2026-11-23T08:48:00.000Z',
      platform: '33',
      status: 'delayed',
      version: 1,
    });
  });

  it('counts a departure less than a minute late as on time', () => {
    const d = buildDeparture(
      's8',
      departureBody({ scheduledTime: '2026-11-23T09:32:00Z', expectedTime: '2026-11-23T09:32:29Z' }),
      null,
      now,
    );
    expect(d.status).toBe('on-time');
  });

  it('sets the estimate from a delay and clears it with delay 0', () => {
    const current = departure({ scheduledTime: '2026-11-23T09:32:00.000Z' });
    const delayed = patchDeparture(current, { delayMinutes: 16 }, now);
    expect(delayed).toMatchObject({ expectedTime: '2026-11-23T09:48:00.000Z', status: 'delayed', version: 2 });
    expect(patchDeparture(delayed, { delayMinutes: 0 }, now)).toMatchObject({ expectedTime: null, status: 'on-time', version: 3 });
  });

  it('keeps a delay across a cancellation and drops the reason on reinstatement', () => {
    const delayed = patchDeparture(departure(), { delayMinutes: 5 }, now);
    const cancelled = patchDeparture(delayed, { cancelled: true, cancelReason: 'Staff shortage' }, now);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Staff shortage' });
    expect(patchDeparture(cancelled, { cancelled: false }, now)).toMatchObject({ status: 'delayed', cancelReason: null });
  });

  it('returns to the timetabled platform when the platform is set to null', () => {
    const moved = patchDeparture(departure({ scheduledPlatform: '5', platform: '5' }), { platform: '7' }, now);
    expect(moved.platform).toBe('7');
    expect(patchDeparture(moved, { platform: null }, now).platform).toBe('5');
  });

  it('refuses a cancel reason on a departure that runs', () => {
    expect(() => patchDeparture(departure(), { cancelReason: 'Because' }, now)).toThrow(/invalid: cancelReason/);
  });

  it('refuses an empty change', () => {
    expect(() => patchDeparture(departure(), {}, now)).toThrow(/invalid: body/);
  });

  it('refuses a departure an hour and more early', () => {
    expect(() => patchDeparture(departure(), { delayMinutes: -61 }, now)).toThrow(/invalid: delayMinutes/);
  });
});

describe('operator overrides against feeds', () => {
  const operator = { name: 'ops', source: 'operator' as const };
  const feed = { name: 'feed', source: 'feed' as const };
  const timetable = departureBody({ scheduledTime: '2026-11-23T09:32:00Z', scheduledPlatform: '5' });

  it("keeps an operator's delay when the feed sends its own, and records the conflict", () => {
    const fromFeed = buildDeparture('s8', timetable, null, now, feed);
    const held = patchDeparture(fromFeed, { delayMinutes: 10 }, now, operator);
    expect(held.override).toEqual({ by: 'ops', at: now.toISOString(), until: null, feed: null });
    const later = new Date(now.getTime() + 60_000);
    const update = buildDeparture(
      's8',
      { ...timetable, destination: 'Rapperswil', expectedTime: '2026-11-23T09:35:00Z', platform: '6' },
      held,
      later,
      feed,
    );
    expect(update).toMatchObject({ destination: 'Rapperswil', expectedTime: '2026-11-23T09:42:00.000Z', platform: '5', status: 'delayed' });
    expect(update.override?.feed).toEqual({
      expectedTime: '2026-11-23T09:35:00.000Z',
      platform: '6',
      cancelled: false,
      cancelReason: null,
      remarks: [],
      at: later.toISOString(),
    });
  });

  it('hands the row back to the feed on release, with what the feed said meanwhile', () => {
    const held = patchDeparture(buildDeparture('s8', timetable, null, now, feed), { delayMinutes: 10 }, now, operator);
    const conflicted = buildDeparture('s8', { ...timetable, expectedTime: '2026-11-23T09:35:00Z' }, held, now, feed);
    const released = patchDeparture(conflicted, { releaseOverride: true }, now, operator);
    expect(released).toMatchObject({ expectedTime: '2026-11-23T09:35:00.000Z', status: 'delayed', override: null });
  });

  it('lets the feed in again once the override has lapsed', () => {
    const until = new Date(now.getTime() + 5 * 60_000).toISOString();
    const held = patchDeparture(
      buildDeparture('s8', timetable, null, now, feed),
      { delayMinutes: 10, overrideUntil: until },
      now,
      operator,
    );
    expect(held.override?.until).toBe(until);
    const after = new Date(now.getTime() + 6 * 60_000);
    const update = buildDeparture('s8', { ...timetable, expectedTime: '2026-11-23T09:35:00Z' }, held, after, feed);
    expect(update).toMatchObject({ expectedTime: '2026-11-23T09:35:00.000Z', override: null });
  });

  it('refuses an override that has already ended, and a release mixed with changes', () => {
    expect(() => patchDeparture(departure(), { delayMinutes: 1, overrideUntil: '2000-01-01T00:00:00Z' }, now, operator)).toThrow(
      /overrideUntil/,
    );
    expect(() => patchDeparture(departure(), { releaseOverride: true, delayMinutes: 1 }, now, operator)).toThrow(/releaseOverride/);
  });
});
