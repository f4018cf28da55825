import type { ScheduleIndex } from '../gtfs/schedule-types';
import type { EntitySelector } from './feed-message';

/**
 * The stations one informed entity of an alert reaches. The most specific field wins: a stop (with
 * or without a route or trip: the alert is about that stop) maps to its station, a trip to the
 * stations its runs call at, a route to the stations it serves, an agency alone to every station
 * of the feed (one feed is one agency's network). A route type alone is too vague to place.
 */
export function stationsOf(selector: EntitySelector, index: ScheduleIndex): string[] {
  if (selector.stopId) {
    const stop = index.stop(selector.stopId);
    return stop ? [stop.stationId] : [];
  }
  const tripId = selector.trip?.tripId;
  if (tripId) return [...new Set(index.trips(tripId).flatMap((run) => run.calls.map((call) => call.stationId)))];
  const routeId = selector.routeId || selector.trip?.routeId;
  if (routeId) return index.stationsOfRoute(routeId);
  if (selector.agencyId) return index.allStations();
  return [];
}

/** An informed entity as a person reads it in a problem list: `stop 70205`, `route Red`, `agency 1`. */
export function describeSelector(selector: EntitySelector): string {
  if (selector.stopId) return `stop ${selector.stopId}`;
  if (selector.trip?.tripId) return `trip ${selector.trip.tripId}`;
  const routeId = selector.routeId || selector.trip?.routeId;
  if (routeId) return `route ${routeId}`;
  if (selector.agencyId) return `agency ${selector.agencyId}`;
  if (selector.routeType !== undefined) return `route_type ${selector.routeType} (not supported)`;
  return 'an empty informed entity';
}
