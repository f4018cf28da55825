import type { RealtimeReport } from '#shared/feeds';
import { appWithSbb, boardOf, pushSiri, siriFixture, sourceOf } from '../support/siri-feed';
import type { TestApp } from '../support/test-app';

const HB = 'sbb-8503000';
const OERLIKON = 'sbb-8503006';
const FLUGHAFEN = 'sbb-8503016';
const WINTERTHUR = 'sbb-8506000';

const row = async (t: TestApp, stationId: string, id: string) => (await boardOf(t, stationId)).departures.find((d) => d.id === id);

describe('SIRI EstimatedTimetable (e2e, sbb-mini-gtfs)', () => {
  let t: TestApp;
  let report: RealtimeReport;
  beforeAll(async () => {
    t = await appWithSbb();
    const res = await pushSiri(t, siriFixture('et-zurich.xml'));
    expect(res.status).toBe(200);
    report = (await res.json()) as RealtimeReport;
  });
  afterAll(() => t.close());

  it('moves a journey matched by its FramedVehicleJourneyRef to its expected times', async () => {
    expect(await row(t, HB, 'ic708.20261214')).toMatchObject({
      scheduledTime: '2026-12-14T07:02:00.000Z',
      expectedTime: '2026-12-14T07:04:00.000Z',
      status: 'delayed',
    });
    expect(await row(t, FLUGHAFEN, 'ic708.20261214')).toMatchObject({ expectedTime: '2026-12-14T07:17:00.000Z' });
    expect(await row(t, WINTERTHUR, 'ic708.20261214.arr')).toMatchObject({ expectedTime: '2026-12-14T07:31:00.000Z' });
  });

  it('cancels a journey with Cancellation, on every board it is on', async () => {
    for (const [station, id] of [
      [HB, 'ic710.20261214'],
      [FLUGHAFEN, 'ic710.20261214'],
      [WINTERTHUR, 'ic710.20261214.arr'],
    ])
      expect(await row(t, station, id)).toMatchObject({ status: 'cancelled', cancelReason: 'Cancelled' });
  });

  it('cancels a single call, and the departures before it say they no longer stop there', async () => {
    expect(await row(t, OERLIKON, 's8-18805.20261214')).toMatchObject({ status: 'cancelled', cancelReason: 'Does not stop here' });
    expect(await row(t, OERLIKON, 's8-18805.20261214.arr')).toMatchObject({ status: 'cancelled' });
    expect(await row(t, HB, 's8-18805.20261214')).toMatchObject({ status: 'on-time', skippedStops: ['Zürich Oerlikon'] });
    expect(await row(t, WINTERTHUR, 's8-18805.20261214.arr')).toMatchObject({ expectedTime: '2026-12-14T07:36:00.000Z' });
  });

  it('shows a DeparturePlatformName other than the timetable’s as a platform change, and leaves an equal one alone', async () => {
    expect(await row(t, HB, 's8-18805.20261214')).toMatchObject({ scheduledPlatform: '32', platform: '33' });
    expect(await row(t, HB, 'ic708.20261214')).toMatchObject({ scheduledPlatform: '31', platform: '31' });
  });

  it('matches a journey whose ref is no trip_id by line, first stop and aimed departure', async () => {
    expect(report.stats.matchedByLine).toBe(1);
    expect(await row(t, HB, 's8-18807.20261214')).toMatchObject({ expectedTime: '2026-12-14T07:39:00.000Z', status: 'delayed' });
    expect(await row(t, OERLIKON, 's8-18807.20261214')).toMatchObject({ expectedTime: '2026-12-14T07:46:00.000Z' });
  });

  it('puts an ExtraJourney on the boards of its stops, with its line and platforms', async () => {
    const id = 'ch:1:sjyid:extra:IC-EXTRA-1.20261214';
    expect(await row(t, HB, id)).toMatchObject({
      line: 'IC 1',
      lineColor: '#eb0000',
      destination: 'Winterthur',
      scheduledTime: '2026-12-14T08:15:00.000Z',
      expectedTime: '2026-12-14T08:16:00.000Z',
      platform: '31',
      via: ['Zürich Flughafen'],
    });
    expect(await row(t, FLUGHAFEN, id)).toMatchObject({ scheduledTime: '2026-12-14T08:27:00.000Z', platform: '2' });
    expect(await row(t, WINTERTHUR, `${id}.arr`)).toMatchObject({ scheduledTime: '2026-12-14T08:41:00.000Z', origin: 'Zürich HB' });
  });

  it('adds an ExtraCall of a scheduled journey at a station its timetable does not serve', async () => {
    expect(await row(t, OERLIKON, 'ic708.20261214')).toMatchObject({
      line: 'IC 1',
      destination: 'St. Gallen',
      scheduledTime: '2026-12-14T07:09:00.000Z',
      expectedTime: '2026-12-14T07:11:00.000Z',
      platform: '6',
    });
  });

  it('reports what matched and what did not, in the answer and in the feed’s siri-et health', async () => {
    expect(report).toMatchObject({ feedId: 'sbb', dataAt: '2026-12-14T06:55:00.000Z' });
    expect(report.stats).toMatchObject({
      trips: 6,
      matchedTrips: 4,
      unmatchedTrips: 1,
      addedTrips: 1,
      canceledTrips: 1,
      refusedChanges: 0,
    });
    expect(report.problems).toEqual([
      {
        entityId: 'journey ch:1:sjyid:100001:99999-001',
        tripId: 'ch:1:sjyid:100001:99999-001',
        problem:
          'DatedVehicleJourneyRef ch:1:sjyid:100001:99999-001 is not a trip_id of the imported schedule, and no run of line S99 leaves 8503000:0:32 at 2026-12-14T07:50:00.000Z in the imported schedule',
      },
    ]);
    expect(await sourceOf(t, 'siri-et')).toMatchObject({
      dataAt: '2026-12-14T06:55:00.000Z',
      stats: { trips: 6, matchedTrips: 4, matchedByLine: 1 },
      problems: report.problems,
      errors: [],
    });
    expect(await sourceOf(t, 'trip-updates')).toBeUndefined();
  });

  it('does not rewrite rows when the same delivery comes again', async () => {
    const seq = (await boardOf(t, HB)).seq;
    const again = (await (await pushSiri(t, siriFixture('et-zurich.xml'))).json()) as RealtimeReport;
    expect(again.rows.changed).toBe(0);
    expect((await boardOf(t, HB)).seq).toBe(seq);
  });
});
