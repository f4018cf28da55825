import type { Alert } from '#shared/board';
import { ALERT_BANNERS, scheduleAlerts } from '../../web/src/lib/alert-schedule';
import { currentAlerts } from '../../web/src/lib/current-alerts';
import { alert } from '../support/factories';

describe(scheduleAlerts.name, () => {
  const pages: Record<string, number> = {};
  const pagesOf = (a: Alert) => pages[a.id] ?? 1;
  /** What is on screen at each turn, as `id:page`. */
  const turns = (alerts: Alert[], count: number, banners = ALERT_BANNERS) =>
    Array.from({ length: count }, (_, turn) =>
      scheduleAlerts(currentAlerts(alerts, 0), pagesOf, turn, banners)
        .shown.map((s) => `${s.alert.id}:${s.page}`)
        .join(' '),
    );
  const severe = alert({ id: 'severe', severity: 'severe', createdAt: '2026-12-01T10:00:00Z' });
  const warning = alert({ id: 'warning', severity: 'warning', createdAt: '2026-12-01T09:00:00Z' });
  const info = alert({ id: 'info', severity: 'info', createdAt: '2026-12-01T08:00:00Z' });
  const info2 = alert({ id: 'info2', severity: 'info', createdAt: '2026-12-01T08:30:00Z' });

  beforeEach(() => {
    for (const id of Object.keys(pages)) delete pages[id];
  });

  it('shows every alert when there is room, most severe first', () => {
    expect(turns([info, severe], 2)).toEqual(['severe:0 info:0', 'severe:0 info:0']);
    expect(scheduleAlerts(currentAlerts([info, severe], 0), pagesOf, 0).hidden).toBe(0);
  });

  it('keeps a severe alert on screen at every turn while the others take turns, warnings first', () => {
    expect(turns([info, info2, warning, severe], 4)).toEqual([
      'severe:0 warning:0',
      'severe:0 info:0',
      'severe:0 info2:0',
      'severe:0 warning:0',
    ]);
  });

  it('says how many alerts are waiting for their turn', () => {
    const schedule = scheduleAlerts(currentAlerts([info, info2, warning, severe], 0), pagesOf, 0);
    expect(schedule.hidden).toBe(2);
  });

  it('shows every severe alert, with one banner left for the others to share', () => {
    const severe2 = alert({ id: 'severe2', severity: 'severe', createdAt: '2026-12-01T11:00:00Z' });
    expect(turns([severe, severe2, warning, info], 2)).toEqual(['severe:0 severe2:0 warning:0', 'severe:0 severe2:0 info:0']);
  });

  it('keeps an alert in its banner until every page of its text was shown', () => {
    pages.warning = 3;
    expect(turns([severe, warning, info], 5)).toEqual([
      'severe:0 warning:0',
      'severe:0 warning:1',
      'severe:0 warning:2',
      'severe:0 info:0',
      'severe:0 warning:0',
    ]);
  });

  it('pages a long severe alert in place, never taking it off the screen', () => {
    pages.severe = 2;
    expect(turns([severe, warning, info], 3)).toEqual(['severe:0 warning:0', 'severe:1 info:0', 'severe:0 warning:0']);
  });

  it('shares several banners among more alerts than fit, each banner with its own turn', () => {
    const info3 = alert({ id: 'info3', severity: 'info', createdAt: '2026-12-01T08:45:00Z' });
    expect(turns([warning, info, info2, info3], 2, 3)).toEqual(['warning:0 info:0 info2:0', 'info:0 info2:0 info3:0']);
  });

  it('has nothing to show without alerts', () => {
    expect(scheduleAlerts([], pagesOf, 3)).toEqual({ shown: [], hidden: 0 });
  });
});
