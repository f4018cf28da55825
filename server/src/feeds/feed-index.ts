import type { GtfsRoute, GtfsStation, GtfsStop, ScheduledTrip, ScheduleIndex } from '../gtfs/schedule-types';
import type { FeedNetwork } from './feeds.repository';

/**
 * A feed's network, indexed for lookups by id. Built once per import and kept; the runs of
 * trips are not in it (a big agency has millions of calls) and are loaded per message instead.
 */
export class FeedNetworkIndex {
  private readonly stops = new Map<string, GtfsStop>();
  private readonly stations = new Map<string, GtfsStation>();
  private readonly routes = new Map<string, GtfsRoute>();
  private readonly routeStations = new Map<string, string[]>();

  constructor(
    readonly network: FeedNetwork,
    readonly timezone: string,
    readonly agencyName: string,
  ) {
    for (const stop of network.stops) this.stops.set(stop.stopId, stop);
    for (const station of network.stations) this.stations.set(station.id, station);
    for (const route of network.routes) this.routes.set(route.routeId, route);
    for (const [routeId, stationIds] of Object.entries(network.routeStations)) this.routeStations.set(routeId, stationIds);
  }

  stationName(stationId: string): string {
    return this.stations.get(stationId)?.name ?? stationId;
  }

  /** The index the realtime planner asks, with the runs of the trips a message names. */
  withTrips(trips: ScheduledTrip[]): ScheduleIndex {
    const runs = new Map<string, ScheduledTrip[]>();
    for (const trip of trips) runs.set(trip.tripId, [...(runs.get(trip.tripId) ?? []), trip]);
    return {
      timezone: this.timezone,
      agencyName: this.agencyName,
      trips: (tripId) => runs.get(tripId) ?? [],
      stop: (stopId) => this.stops.get(stopId),
      station: (stationId) => this.stations.get(stationId),
      route: (routeId) => this.routes.get(routeId),
      stationsOfRoute: (routeId) => this.routeStations.get(routeId) ?? [],
      allStations: () => [...this.stations.keys()],
    };
  }
}

/** Which stations each route calls at, from the imported runs: what a route-wide alert informs. */
export function routeStationsOf(trips: ScheduledTrip[]): Record<string, string[]> {
  const byRoute = new Map<string, Set<string>>();
  for (const trip of trips) {
    const stations = byRoute.get(trip.routeId) ?? new Set<string>();
    for (const call of trip.calls) stations.add(call.stationId);
    byRoute.set(trip.routeId, stations);
  }
  return Object.fromEntries([...byRoute].map(([routeId, stations]) => [routeId, [...stations]]));
}
