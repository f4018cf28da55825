import { rowsForTrip } from '../../server/src/gtfs/trip-rows';
import { call, scheduledTrip, stationWithStops } from '../support/schedule-index';

const central = stationWithStops('ring-central', 'Central', [['c1', '1']]);
const park = stationWithStops('ring-park', 'Park', [['p1', null]]);
const stop = (id: string) => [...central.stops, ...park.stops].find((s) => s.stopId === id)!;

describe(rowsForTrip.name, () => {
  it('makes each call of a loop at a station a row of its own, with ids that stay the same on every import', () => {
    // A ring line: Central, Park, Central again, Park again, Central.
    const ring = scheduledTrip({
      tripId: 'ring-1',
      serviceDate: '20261201',
      calls: [
        call(1, stop('c1'), null, '2026-12-01T08:00:00.000Z'),
        call(2, stop('p1'), '2026-12-01T08:05:00.000Z', '2026-12-01T08:05:30.000Z'),
        call(3, stop('c1'), '2026-12-01T08:10:00.000Z', '2026-12-01T08:11:00.000Z'),
        call(4, stop('p1'), '2026-12-01T08:15:00.000Z', '2026-12-01T08:15:30.000Z'),
        call(5, stop('c1'), '2026-12-01T08:20:00.000Z', null),
      ],
    });
    const rows = rowsForTrip(ring, (id) => id);
    const ids = rows.map((r) => `${r.stationId} ${r.departureId} ${r.body.scheduledTime.slice(11, 16)}`);
    expect(ids).toEqual([
      'ring-central ring-1.20261201 08:00',
      'ring-park ring-1.20261201 08:05',
      'ring-park ring-1.20261201.arr 08:05',
      'ring-central ring-1.20261201~2 08:11',
      'ring-central ring-1.20261201.arr 08:10',
      'ring-park ring-1.20261201~2 08:15',
      'ring-park ring-1.20261201.arr~2 08:15',
      'ring-central ring-1.20261201.arr~2 08:20',
    ]);
    expect(new Set(rows.map((r) => `${r.stationId} ${r.departureId}`)).size).toBe(rows.length);
    expect(rowsForTrip(ring, (id) => id).map((r) => r.departureId)).toEqual(rows.map((r) => r.departureId));
  });
});
