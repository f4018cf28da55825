import { applyEvent, compareDepartures } from '#shared/apply-event';
import { alert, board, departure } from '../support/factories';

describe(applyEvent.name, () => {
  it('replaces the whole board on a snapshot', () => {
    const fresh = board({ seq: 3, departures: [departure({ id: 'x' })] });
    expect(applyEvent(board({ seq: 99 }), { type: 'snapshot', board: fresh, serverTime: '2026-11-23T09:00:00.000Z' })).toBe(fresh);
    expect(applyEvent(null, { type: 'snapshot', board: fresh, serverTime: '2026-11-23T09:00:00.000Z' })).toBe(fresh);
  });

  it('adds a new departure in timetable order and advances seq', () => {
    const early = departure({ id: 'early', scheduledTime: '2026-11-23T09:00:00.000Z' });
    const late = departure({ id: 'late', scheduledTime: '2026-11-23T10:00:00.000Z' });
    const start = board({ seq: 10, departures: [late] });
    const next = applyEvent(start, { type: 'departure-set', seq: 11, departure: early });
    expect(next?.departures.map((d) => d.id)).toEqual(['early', 'late']);
    expect(next?.seq).toBe(11);
    expect(start.departures.map((d) => d.id)).toEqual(['late']);
  });

  it('replaces a changed departure in place without duplicating it', () => {
    const start = board({ departures: [departure({ id: 'd1' })] });
    const delayed = departure({ id: 'd1', status: 'delayed', expectedTime: '2026-11-23T09:48:00.000Z', version: 2 });
    const next = applyEvent(start, { type: 'departure-set', seq: 11, departure: delayed });
    expect(next?.departures).toEqual([delayed]);
  });

  it('keeps a delayed train at its timetabled place', () => {
    const a = departure({ id: 'a', scheduledTime: '2026-11-23T09:00:00.000Z', expectedTime: '2026-11-23T09:30:00.000Z' });
    const b = departure({ id: 'b', scheduledTime: '2026-11-23T09:10:00.000Z' });
    expect([b, a].sort(compareDepartures).map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('removes a departure and clears an alert', () => {
    const start = board({ departures: [departure({ id: 'd1' })], alerts: [alert({ id: 'a1' })] });
    const removed = applyEvent(start, { type: 'departure-removed', seq: 11, departureId: 'd1' });
    const cleared = applyEvent(removed, { type: 'alert-cleared', seq: 12, alertId: 'a1' });
    expect(cleared).toMatchObject({ seq: 12, departures: [], alerts: [] });
  });

  it('adds an alert', () => {
    const next = applyEvent(board(), { type: 'alert-set', seq: 11, alert: alert({ id: 'new' }) });
    expect(next?.alerts.map((a) => a.id)).toEqual(['new']);
  });

  it('ignores a change the board already has (replayed or duplicated)', () => {
    const start = board({ seq: 10, departures: [departure({ id: 'd1' })] });
    expect(applyEvent(start, { type: 'departure-removed', seq: 10, departureId: 'd1' })).toBe(start);
    expect(applyEvent(start, { type: 'departure-removed', seq: 4, departureId: 'd1' })).toBe(start);
  });

  it('cannot apply a change before any snapshot', () => {
    expect(applyEvent(null, { type: 'alert-cleared', seq: 1, alertId: 'a1' })).toBeNull();
  });
});
