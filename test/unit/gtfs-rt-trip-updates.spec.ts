import type { ScheduleIndex } from '../../server/src/gtfs/schedule-types';
import { decodeFeed } from '../../server/src/gtfs-rt/decode-feed';
import type { FeedMessage, TripUpdate } from '../../server/src/gtfs-rt/feed-message';
import { planTripUpdates, type TripUpdatePlan } from '../../server/src/gtfs-rt/plan-trip-updates';
import { editedFeed, encodeFeed, feedBytes } from '../support/gtfs-rt-feeds';
import { call, scheduledTrip, scheduleIndex, stationWithStops } from '../support/schedule-index';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const now = new Date('2023-11-08T01:05:34.000Z');

/** Caltrain trip 124 (southbound, 7 Nov 2023 service) over six made-up calls, each a few minutes before the capture's times. */
function caltrainIndex(): ScheduleIndex {
  const places = [
    stationWithStops('mountain-view', 'Mountain View', [
      ['70221', '1'],
      ['70222', '2'],
    ]),
    stationWithStops('sunnyvale', 'Sunnyvale', [
      ['70231', '1'],
      ['70232', '2'],
    ]),
    stationWithStops('lawrence', 'Lawrence', [
      ['70241', '1'],
      ['70242', '2'],
    ]),
    stationWithStops('san-jose-diridon', 'San Jose Diridon', [
      ['70261', '1'],
      ['70262', '2'],
    ]),
    stationWithStops('tamien', 'Tamien', [
      ['70271', '1'],
      ['70272', '2'],
    ]),
    stationWithStops('capitol', 'Capitol', [['capitol-sb', '2']]),
  ];
  const stop = (id: string) => places.flatMap((p) => p.stops).find((s) => s.stopId === id)!;
  const run = (serviceDate: string, day: string) =>
    scheduledTrip({
      tripId: '124',
      serviceDate,
      calls: [
        call(19, stop('70222'), null, `${day}T00:55:00.000Z`),
        call(20, stop('70232'), `${day}T00:59:00.000Z`, `${day}T01:00:00.000Z`),
        call(21, stop('70242'), `${day}T01:04:00.000Z`, `${day}T01:04:30.000Z`),
        call(22, stop('70262'), `${day}T01:10:00.000Z`, `${day}T01:11:00.000Z`),
        call(23, stop('70272'), `${day}T01:15:00.000Z`, `${day}T01:16:00.000Z`),
        call(24, stop('capitol-sb'), `${day}T01:22:00.000Z`, null),
      ],
    });
  return scheduleIndex({
    stations: places.map((p) => p.station),
    stops: places.flatMap((p) => p.stops),
    routes: [{ routeId: 'L1', line: 'Local', color: '#e31837' }],
    trips: [run('20231107', '2023-11-08'), run('20231108', '2023-11-09')],
  });
}

/** Expected times of the plan's rows, keyed `station kind`, for one trip's rows. */
function expectedTimes(plan: TripUpdatePlan): Record<string, string | null> {
  return Object.fromEntries(plan.rows.map((r) => [`${r.stationId} ${r.departureId.endsWith('.arr') ? 'arr' : 'dep'}`, r.expectedTime]));
}

/** The Caltrain capture with trip 124 edited; every other trip left out. */
function caltrain124(edit: (update: TripUpdate) => void): FeedMessage {
  return editedFeed(feedBytes('caltrain-trip-updates.pb'), (feed) => {
    feed.entity = feed.entity.filter((e) => e.id === '124');
    edit(feed.entity[0].tripUpdate!);
  });
}

describe(planTripUpdates.name, () => {
  describe('Caltrain (absolute times only)', () => {
    it('gives the calls with an update exactly the feed’s times, and later calls the last delay', () => {
      const plan = planTripUpdates(decodeFeed(feedBytes('caltrain-trip-updates.pb')), caltrainIndex(), now);
      expect(expectedTimes(plan)).toEqual({
        'mountain-view dep': null,
        'sunnyvale dep': iso(1699405504),
        'sunnyvale arr': '2023-11-08T01:04:04.000Z',
        'lawrence dep': iso(1699405801),
        'lawrence arr': iso(1699405801),
        'san-jose-diridon dep': iso(1699406176),
        'san-jose-diridon arr': iso(1699406176),
        'tamien dep': '2023-11-08T01:22:58.000Z',
        'tamien arr': iso(1699406518),
        'capitol arr': '2023-11-08T01:28:58.000Z',
      });
      expect(plan.rows.every((r) => r.departureId.startsWith('124.20231107') && !r.cancelled && r.platform === undefined)).toBe(true);
    });

    it('counts the trips it does not know and names each in the problems', () => {
      const plan = planTripUpdates(decodeFeed(feedBytes('caltrain-trip-updates.pb')), caltrainIndex(), now);
      expect(plan.stats).toEqual({
        trips: 19,
        matchedTrips: 1,
        unmatchedTrips: 18,
        addedTrips: 0,
        canceledTrips: 0,
        stopUpdates: 220,
        matchedStops: 4,
        unmatchedStops: 0,
      });
      expect(plan.problems).toHaveLength(18);
      expect(plan.problems).toContainEqual({ entityId: '125', tripId: '125', problem: 'trip_id 125 is not in the imported schedule' });
    });

    it('reports a start_date the trip does not run on', () => {
      const plan = planTripUpdates(
        caltrain124((u) => (u.trip.startDate = '20231110')),
        caltrainIndex(),
        now,
      );
      expect(plan.rows).toEqual([]);
      expect(plan.problems).toEqual([{ entityId: '124', tripId: '124', problem: 'trip 124 does not run on service date 20231110' }]);
    });

    it('cancels every row of a CANCELED trip', () => {
      const plan = planTripUpdates(
        caltrain124((u) => (u.trip.scheduleRelationship = 'CANCELED')),
        caltrainIndex(),
        now,
      );
      expect(plan.rows).toHaveLength(10);
      expect(plan.rows.every((r) => r.cancelled && r.cancelReason === 'Cancelled' && r.expectedTime === null)).toBe(true);
      expect(plan.stats).toMatchObject({ matchedTrips: 1, canceledTrips: 1 });
    });

    it('cancels both rows at a SKIPPED stop and carries the delay past it', () => {
      const plan = planTripUpdates(
        caltrain124((u) => {
          u.stopTimeUpdate[1] = { stopSequence: 21, scheduleRelationship: 'SKIPPED' };
          u.stopTimeUpdate.splice(2, 1);
        }),
        caltrainIndex(),
        now,
      );
      const lawrence = plan.rows.filter((r) => r.stationId === 'lawrence');
      expect(lawrence.map((r) => [r.cancelled, r.cancelReason, r.expectedTime])).toEqual([
        [true, 'Does not stop here', null],
        [true, 'Does not stop here', null],
      ]);
      // Sunnyvale left 304 s late; with no update at San Jose that delay still holds there.
      expect(expectedTimes(plan)['san-jose-diridon arr']).toBe('2023-11-08T01:15:04.000Z');
      expect(expectedTimes(plan)['tamien arr']).toBe(iso(1699406518));
    });

    /** Rows of the plan by `station kind`: what a passenger reads beside the times. */
    const routes = (plan: TripUpdatePlan) =>
      Object.fromEntries(
        plan.rows.map((r) => [
          `${r.stationId} ${r.departureId.endsWith('.arr') ? 'arr' : 'dep'}`,
          { skipped: r.skippedStops, shortenedAt: r.shortenedAt, cancelReason: r.cancelReason },
        ]),
      );
    const skipping = (...sequences: number[]) =>
      caltrain124((u) => {
        u.stopTimeUpdate = sequences.map((stopSequence) => ({ stopSequence, scheduleRelationship: 'SKIPPED' as const }));
      });

    it('names a skipped stop on the rows of the stations before it (and on arrivals after it)', () => {
      const rows = routes(planTripUpdates(skipping(21), caltrainIndex(), now));
      expect(rows['mountain-view dep']).toEqual({ skipped: ['Lawrence'], shortenedAt: null, cancelReason: null });
      expect(rows['sunnyvale dep']).toEqual({ skipped: ['Lawrence'], shortenedAt: null, cancelReason: null });
      expect(rows['san-jose-diridon dep']).toEqual({ skipped: [], shortenedAt: null, cancelReason: null });
      expect(rows['san-jose-diridon arr']).toEqual({ skipped: ['Lawrence'], shortenedAt: null, cancelReason: null });
      expect(rows['sunnyvale arr']).toEqual({ skipped: [], shortenedAt: null, cancelReason: null });
    });

    it('says where a run cut short now ends, and cancels the departures from there on', () => {
      const rows = routes(planTripUpdates(skipping(23, 24), caltrainIndex(), now));
      expect(rows['sunnyvale dep']).toEqual({ skipped: [], shortenedAt: 'San Jose Diridon', cancelReason: null });
      expect(rows['san-jose-diridon dep']).toEqual({ skipped: [], shortenedAt: null, cancelReason: 'Terminates here' });
      expect(rows['tamien dep'].cancelReason).toBe('Does not stop here');
      expect(rows['san-jose-diridon arr']).toEqual({ skipped: [], shortenedAt: null, cancelReason: null });
    });

    it('says where a run that starts late now starts, and cancels the arrivals before it', () => {
      const rows = routes(planTripUpdates(skipping(19, 20), caltrainIndex(), now));
      expect(rows['lawrence arr']).toEqual({ skipped: [], shortenedAt: null, cancelReason: 'Starts here' });
      expect(rows['san-jose-diridon arr']).toEqual({ skipped: [], shortenedAt: 'Lawrence', cancelReason: null });
      expect(rows['lawrence dep']).toEqual({ skipped: [], shortenedAt: null, cancelReason: null });
    });

    it('stops propagating at NO_DATA until the next update with data', () => {
      const plan = planTripUpdates(
        caltrain124((u) => {
          u.stopTimeUpdate[1] = { stopSequence: 21, scheduleRelationship: 'NO_DATA' };
          u.stopTimeUpdate.splice(2, 1);
        }),
        caltrainIndex(),
        now,
      );
      expect(expectedTimes(plan)).toMatchObject({
        'sunnyvale dep': iso(1699405504),
        'lawrence arr': null,
        'lawrence dep': null,
        'san-jose-diridon arr': null,
        'san-jose-diridon dep': null,
        'tamien arr': iso(1699406518),
        'capitol arr': '2023-11-08T01:28:58.000Z',
      });
    });

    it('sets the platform of an assigned_stop_id at the same station and ignores one elsewhere', () => {
      const plan = planTripUpdates(
        caltrain124((u) => {
          u.stopTimeUpdate[1].stopTimeProperties = { assignedStopId: '70241' };
          u.stopTimeUpdate[2].stopTimeProperties = { assignedStopId: '70232' };
        }),
        caltrainIndex(),
        now,
      );
      expect(plan.rows.filter((r) => r.stationId === 'lawrence').map((r) => r.platform)).toEqual(['1', '1']);
      expect(plan.rows.filter((r) => r.stationId === 'san-jose-diridon').map((r) => r.platform)).toEqual([undefined, undefined]);
      expect(plan.problems).toEqual([
        { entityId: '124', tripId: '124', problem: 'assigned_stop_id 70232 belongs to station sunnyvale, not san-jose-diridon; ignored' },
      ]);
    });

    it('matches by stop_id, also at a sibling platform, and lists updates that match no call', () => {
      const plan = planTripUpdates(
        caltrain124((u) => {
          u.stopTimeUpdate[2] = { stopId: '70261', arrival: { time: 1699406176 }, departure: { time: 1699406176 } };
          u.stopTimeUpdate.push({ stopSequence: 99, arrival: { time: 1699407000 } });
        }),
        caltrainIndex(),
        now,
      );
      expect(expectedTimes(plan)['san-jose-diridon arr']).toBe(iso(1699406176));
      expect(plan.stats).toMatchObject({ matchedStops: 4, unmatchedStops: 1 });
      expect(plan.problems).toEqual([{ entityId: '124', tripId: '124', problem: 'stop_sequence 99 is not a call of trip 124' }]);
    });

    it('drops an estimate more than an hour early, with a problem', () => {
      const plan = planTripUpdates(
        caltrain124((u) => (u.stopTimeUpdate[3].arrival = { time: 1699406518 - 3 * 3600 })),
        caltrainIndex(),
        now,
      );
      expect(expectedTimes(plan)['tamien arr']).toBeNull();
      // The bad delay would carry on downstream, so those estimates go too.
      expect(plan.problems.map((p) => p.problem)).toEqual([
        'the arrival estimate at stop 70272 is 173 min early; dropped',
        'the departure estimate at stop 70272 is 173 min early; dropped',
        'the arrival estimate at stop capitol-sb is 173 min early; dropped',
      ]);
      expect(expectedTimes(plan)['san-jose-diridon arr']).toBe(iso(1699406176));
    });

    it('applies a trip-level delay to calls no update covers', () => {
      const feed = decodeFeed(
        encodeFeed({
          header: { gtfsRealtimeVersion: '2.0' },
          entity: [{ id: 'x', tripUpdate: { trip: { tripId: '124', startDate: '20231107' }, delay: 120 } }],
        }),
      );
      const times = expectedTimes(planTripUpdates(feed, caltrainIndex(), now));
      expect(times['mountain-view dep']).toBe('2023-11-08T00:57:00.000Z');
      expect(times['capitol arr']).toBe('2023-11-08T01:24:00.000Z');
    });

    it('caps the problems at 200 but counts everything', () => {
      const entity = Array.from({ length: 250 }, (_, i) => ({ id: `e${i}`, tripUpdate: { trip: { tripId: `ghost-${i}` } } }));
      const plan = planTripUpdates(decodeFeed(encodeFeed({ header: { gtfsRealtimeVersion: '2.0' }, entity })), caltrainIndex(), now);
      expect(plan.problems).toHaveLength(200);
      expect(plan.stats.unmatchedTrips).toBe(250);
    });

    it('skips deleted entities and entities without a trip update', () => {
      const feed = decodeFeed(
        encodeFeed({
          header: { gtfsRealtimeVersion: '2.0' },
          entity: [
            { id: 'gone', isDeleted: true, tripUpdate: { trip: { tripId: '124' } } },
            { id: 'bus', vehicle: {} },
          ],
        }),
      );
      expect(planTripUpdates(feed, caltrainIndex(), now).stats.trips).toBe(0);
    });
  });

  describe('BART (delay and time on every update, no start_date)', () => {
    const bartNow = new Date('2019-08-07T17:45:21.000Z');

    function bartIndex(): ScheduleIndex {
      const places = [
        stationWithStops('daly', 'Daly City', [['DALY', null]]),
        stationWithStops('balb', 'Balboa Park', [['BALB', null]]),
        stationWithStops('glen', 'Glen Park', [['GLEN', null]]),
        stationWithStops('24th', '24th St Mission', [['24TH', null]]),
        stationWithStops('shay', 'South Hayward', [['SHAY', null]]),
        stationWithStops('hayw', 'Hayward', [['HAYW', null]]),
        stationWithStops('bayf', 'Bay Fair', [['BAYF', null]]),
      ];
      const stop = (id: string) => places.flatMap((p) => p.stops).find((s) => s.stopId === id)!;
      // Daly City's timetable is a minute earlier than time − delay, to tell which one propagates.
      const run = (serviceDate: string, shift: number) =>
        scheduledTrip({
          tripId: '1011112WKDY',
          serviceDate,
          routeId: 'YL',
          calls: [
            call(1, stop('DALY'), null, iso(1565201597 - 60 + shift)),
            call(2, stop('BALB'), iso(1565201802 + shift), iso(1565201820 + shift)),
            call(3, stop('GLEN'), iso(1565201940 + shift), iso(1565201958 + shift)),
            call(4, stop('24TH'), iso(1565202102 + shift), null),
          ],
        });
      return scheduleIndex({
        agencyName: 'BART',
        stations: places.map((p) => p.station),
        stops: places.flatMap((p) => p.stops),
        trips: [run('20190806', -86400), run('20190807', 0)],
      });
    }

    it('picks the run nearest the header time, keeps the update’s times and propagates its delay field', () => {
      const feed = editedFeed(feedBytes('bart-trip-updates.pb'), (f) => {
        f.entity = f.entity.filter((e) => e.id === '1011112WKDY');
        f.entity[0].tripUpdate!.stopTimeUpdate.splice(1);
      });
      const plan = planTripUpdates(feed, bartIndex(), bartNow);
      expect(plan.rows.every((r) => r.departureId.startsWith('1011112WKDY.20190807'))).toBe(true);
      expect(expectedTimes(plan)).toEqual({
        'daly dep': iso(1565201626),
        'balb arr': iso(1565201802 + 29),
        'balb dep': iso(1565201820 + 29),
        'glen arr': iso(1565201940 + 29),
        'glen dep': iso(1565201958 + 29),
        '24th arr': iso(1565202102 + 29),
      });
    });

    it('builds the rows of an ADDED trip from its times, with departure ids for its service date', () => {
      // Its first four stops: South Hayward, Hayward, Bay Fair, and San Leandro (not in this index).
      const feed = editedFeed(feedBytes('bart-trip-updates.pb'), (f) => {
        f.entity = f.entity.filter((e) => e.id === '1051042WKDY');
        f.entity[0].tripUpdate!.stopTimeUpdate.splice(4);
      });
      const plan = planTripUpdates(feed, bartIndex(), bartNow);
      const added = plan.added;
      expect(added.map((r) => [r.stationId, r.departureId, r.body.kind, r.body.scheduledTime])).toEqual([
        ['shay', '1051042WKDY.20190807', 'departure', iso(1565199970)],
        ['hayw', '1051042WKDY.20190807', 'departure', iso(1565200180)],
        ['hayw', '1051042WKDY.20190807.arr', 'arrival', iso(1565200170)],
        ['bayf', '1051042WKDY.20190807.arr', 'arrival', iso(1565200396)],
      ]);
      expect(added[0].body).toMatchObject({
        line: 'BART',
        lineColor: '#6b7280',
        destination: 'Bay Fair',
        origin: 'South Hayward',
        via: ['Hayward'],
      });
      expect(plan.problems).toEqual([
        { entityId: '1051042WKDY', tripId: '1051042WKDY', problem: 'stop_id SANL is not in the imported schedule' },
      ]);
      expect(plan.stats).toMatchObject({ trips: 1, addedTrips: 1, matchedStops: 3, unmatchedStops: 1 });
    });

    it('treats a REPLACEMENT of a trip the schedule lacks as an added trip', () => {
      const feed = editedFeed(feedBytes('bart-trip-updates.pb'), (f) => {
        f.entity = f.entity.filter((e) => e.id === '1051042WKDY');
        f.entity[0].tripUpdate!.trip.scheduleRelationship = 'REPLACEMENT';
        f.entity[0].tripUpdate!.stopTimeUpdate.splice(3);
      });
      const plan = planTripUpdates(feed, bartIndex(), bartNow);
      expect(plan.stats).toMatchObject({ addedTrips: 1, unmatchedTrips: 0 });
      expect(plan.added).toHaveLength(4);
    });

    it('counts the real capture: one run matched, the unknown trips listed', () => {
      const plan = planTripUpdates(decodeFeed(feedBytes('bart-trip-updates.pb')), bartIndex(), bartNow);
      expect(plan.stats).toMatchObject({ trips: 91, matchedTrips: 1, stopUpdates: 1060 });
      expect(plan.stats.addedTrips).toBeGreaterThanOrEqual(1);
      expect(plan.stats.unmatchedTrips).toBe(91 - 1 - plan.stats.addedTrips);
      expect(plan.problems).toContainEqual({
        entityId: '1071045WKDY',
        tripId: '1071045WKDY',
        problem: 'trip_id 1071045WKDY is not in the imported schedule',
      });
    });
  });
});
