/**
 * How GTFS identifiers become Headway ids, shared by the schedule import and the realtime feed so
 * that a TripUpdate finds the departures the timetable created.
 */

/** A station id from a GTFS parent station (or a stop without one): a slug, optionally prefixed per feed. */
export function stationIdFor(stopId: string, prefix = ''): string {
  const slug = `${prefix ? `${prefix}-` : ''}${stopId}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug || 'station';
}

/**
 * A departure id for one run of a trip: the trip id and its service date (`YYYYMMDD`), because the
 * same trip runs every day. Characters outside the API's id alphabet become `_`.
 */
export function departureIdFor(tripId: string, serviceDate: string, kind: 'departure' | 'arrival' = 'departure'): string {
  const safeTrip = tripId.replace(/[^A-Za-z0-9._:~-]/g, '_').slice(0, 100);
  return `${safeTrip}.${serviceDate}${kind === 'arrival' ? '.arr' : ''}`;
}
