import type { ScheduleIndex } from '../../server/src/gtfs/schedule-types';
import { decodeFeed } from '../../server/src/gtfs-rt/decode-feed';
import type { FeedAlert } from '../../server/src/gtfs-rt/feed-message';
import { planAlerts } from '../../server/src/gtfs-rt/plan-alerts';
import { encodeFeed, feedBytes } from '../support/gtfs-rt-feeds';
import { call, scheduledTrip, scheduleIndex, stationWithStops } from '../support/schedule-index';

/** Saturday evening after the capture (2017-12-23T13:00:19Z): the morning's snow-route detours have ended. */
const now = new Date('2017-12-23T18:00:00.000Z');

/** Made-up MBTA stations for the stops and routes some of the captured alerts name. */
function mbtaIndex(): ScheduleIndex {
  const haymarket = stationWithStops('haymarket', 'Haymarket', [
    ['70026', null],
    ['70027', null],
  ]);
  const framingham = stationWithStops('framingham', 'Framingham', [['Framingham', '1']]);
  const berkeley = stationWithStops('e-berkeley', 'E Berkeley St @ Harrison Ave', [['36538', null]]);
  const sullivan = stationWithStops('sullivan', 'Sullivan Square', [['29001', null]]);
  const lynn = stationWithStops('lynn', 'Central Square, Lynn', [['14748', null]]);
  const places = [haymarket, framingham, berkeley, sullivan, lynn];
  const busTrip = (tripId: string, routeId: string, stops: typeof places) =>
    scheduledTrip({
      tripId,
      routeId,
      serviceDate: '20171223',
      calls: stops.map((p, i) => call(i + 1, p.stops[0], i === 0 ? null : '2017-12-23T15:00:00.000Z', '2017-12-23T15:00:00.000Z')),
    });
  return scheduleIndex({
    agencyName: 'MBTA',
    timezone: 'America/New_York',
    stations: places.map((p) => p.station),
    stops: places.flatMap((p) => p.stops),
    trips: [busTrip('92-1', '92', [sullivan, haymarket]), busTrip('110-1', '110', [lynn, sullivan])],
  });
}

/** A one-alert feed, for the cases the capture lacks. */
function alertFeed(alert: Partial<FeedAlert>, id = 'a1') {
  return decodeFeed(
    encodeFeed({
      header: { gtfsRealtimeVersion: '2.0' },
      entity: [{ id, alert: { informedEntity: [{ stopId: '70026' }], headerText: { translation: [{ text: 'Notice' }] }, ...alert } }],
    }),
  );
}

describe(planAlerts.name, () => {
  const plan = planAlerts(decodeFeed(feedBytes('mbta-alerts.pb')), mbtaIndex(), now);
  const of = (entityId: string) => plan.alerts.filter((a) => a.alertId.startsWith(`gtfs.${entityId}.`));

  it('puts an alert on the station of the stops it informs', () => {
    expect(of('105025')).toEqual([
      {
        stationId: 'haymarket',
        alertId: 'gtfs.105025.0',
        severity: 'info',
        text: 'elevator unavailable',
        translations: { en: 'elevator unavailable' },
        validFrom: '2016-01-02T09:30:00.000Z',
        validUntil: null,
      },
    ]);
  });

  it('reaches the stations of a route and the station of a route+stop+trip entity', () => {
    // Route 92's made-up trip calls at Sullivan Square and Haymarket: ten periods at each.
    expect(of('217460')).toHaveLength(20);
    expect(new Set(of('217460').map((a) => a.stationId))).toEqual(new Set(['sullivan', 'haymarket']));
    expect(new Set(of('191524').map((a) => a.stationId))).toEqual(new Set(['framingham']));
  });

  it('keeps only periods not yet over, at most ten, with ids stable by position', () => {
    expect(of('191524')).toHaveLength(10);
    expect(of('191524')[0]).toMatchObject({
      alertId: 'gtfs.191524.0',
      validFrom: '2017-12-25T20:30:00.000Z',
      validUntil: '2017-12-26T02:15:00.000Z',
    });
    // Routes 110 and 111 were on their snow route until 17:00:18: matched, but nothing left to show.
    expect(of('221191')).toEqual([]);
    const laterNow = planAlerts(decodeFeed(feedBytes('mbta-alerts.pb')), mbtaIndex(), new Date('2017-12-24T06:00:00.000Z'));
    expect(laterNow.alerts.find((a) => a.alertId.startsWith('gtfs.217460.'))?.alertId).toBe('gtfs.217460.1');
  });

  it('judges severity from the effect when the feed gives no severity_level', () => {
    expect(of('206630')[0].severity).toBe('severe');
    expect(of('217460')[0].severity).toBe('warning');
    expect(of('219339')[0].severity).toBe('info');
  });

  it('prefers the feed’s severity_level over the effect', () => {
    expect(planAlerts(alertFeed({ severityLevel: 'INFO', effect: 'NO_SERVICE' }), mbtaIndex(), now).alerts[0].severity).toBe('info');
    expect(planAlerts(alertFeed({ severityLevel: 'SEVERE', effect: 'OTHER_EFFECT' }), mbtaIndex(), now).alerts[0].severity).toBe('severe');
    expect(planAlerts(alertFeed({ severityLevel: 'UNKNOWN_SEVERITY', effect: 'STOP_MOVED' }), mbtaIndex(), now).alerts[0].severity).toBe(
      'warning',
    );
  });

  it('counts alerts that inform nothing known as unmatched, naming what they inform', () => {
    expect(of('182702')).toEqual([]);
    expect(plan.problems).toContainEqual({
      entityId: '218023',
      problem: 'the alert informs nothing in the imported schedule: stop 67202',
    });
    // Matched: 105025, 191524, 191525, 195351, 206630, 217460, 219339, 219442, 220021 and the ended 221191.
    expect(plan.stats).toMatchObject({ alerts: 51, matchedAlerts: 10, unmatchedAlerts: 41 });
    expect(plan.problems).toHaveLength(41);
  });

  it('puts an agency-wide alert on every station of the feed, and cannot place a route type alone', () => {
    const agencyWide = planAlerts(alertFeed({ informedEntity: [{ agencyId: '1' }] }), mbtaIndex(), now);
    expect(agencyWide.alerts.map((a) => a.stationId).sort()).toEqual(['e-berkeley', 'framingham', 'haymarket', 'lynn', 'sullivan']);
    const byType = planAlerts(alertFeed({ informedEntity: [{ routeType: 3 }] }), mbtaIndex(), now);
    expect(byType.alerts).toEqual([]);
    expect(byType.problems).toEqual([
      { entityId: 'a1', problem: 'the alert informs nothing in the imported schedule: route_type 3 (not supported)' },
    ]);
  });

  it('uses the untagged text as the default and every tagged language as a translation', () => {
    const headerText = {
      translation: [
        { text: '  Lift out of service  ', language: 'EN' },
        { text: 'Ascenseur hors service', language: 'fr' },
        { text: 'Elevator unavailable' },
      ],
    };
    const [alert] = planAlerts(alertFeed({ headerText }), mbtaIndex(), now).alerts;
    expect(alert).toMatchObject({
      text: 'Elevator unavailable',
      translations: { en: 'Lift out of service', fr: 'Ascenseur hors service' },
    });
  });

  it('caps the text at 500 characters and keeps an alert with no period always on', () => {
    const [alert] = planAlerts(alertFeed({ headerText: { translation: [{ text: 'x'.repeat(600) }] } }), mbtaIndex(), now).alerts;
    expect(alert.text).toHaveLength(500);
    expect(alert).toMatchObject({ validFrom: null, validUntil: null, translations: {} });
  });

  it('makes ids from the entity id in the API’s alphabet', () => {
    const [alert] = planAlerts(alertFeed({}, 'alert 7/ü'), mbtaIndex(), now).alerts;
    expect(alert.alertId).toBe('gtfs.alert_7__.0');
  });
});
