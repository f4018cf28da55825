import { currentAlerts } from '../../web/src/lib/current-alerts';
import { alert } from '../support/factories';

describe(currentAlerts.name, () => {
  const noon = Date.parse('2026-11-23T12:00:00.000Z');

  it('hides alerts before their validFrom and from their validUntil on', () => {
    const alerts = [
      alert({ id: 'always' }),
      alert({ id: 'started', validFrom: '2026-11-23T11:59:59.000Z' }),
      alert({ id: 'later', validFrom: '2026-11-23T12:00:01.000Z' }),
      alert({ id: 'ending', validUntil: '2026-11-23T12:00:01.000Z' }),
      alert({ id: 'ended', validUntil: '2026-11-23T12:00:00.000Z' }),
    ];
    expect(currentAlerts(alerts, noon).map((a) => a.id)).toEqual(['always', 'started', 'ending']);
  });

  it('puts the most severe first, then the oldest', () => {
    const alerts = [
      alert({ id: 'info', severity: 'info', createdAt: '2026-11-23T08:00:00.000Z' }),
      alert({ id: 'warning-new', severity: 'warning', createdAt: '2026-11-23T09:00:00.000Z' }),
      alert({ id: 'severe', severity: 'severe', createdAt: '2026-11-23T10:00:00.000Z' }),
      alert({ id: 'warning-old', severity: 'warning', createdAt: '2026-11-23T07:00:00.000Z' }),
    ];
    expect(currentAlerts(alerts, noon).map((a) => a.id)).toEqual(['severe', 'warning-old', 'warning-new', 'info']);
  });

  it('does not reorder the list it was given', () => {
    const alerts = [alert({ id: 'b', severity: 'info' }), alert({ id: 'a', severity: 'severe' })];
    currentAlerts(alerts, noon);
    expect(alerts.map((a) => a.id)).toEqual(['b', 'a']);
  });
});
