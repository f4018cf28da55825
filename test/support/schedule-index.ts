import type {
  GtfsRoute,
  GtfsSchedule,
  GtfsStation,
  GtfsStop,
  ScheduleIndex,
  ScheduledCall,
  ScheduledTrip,
} from '../../server/src/gtfs/schedule-types';

/** The parts of a `GtfsSchedule` an index needs; the rest defaults to a small Californian agency. */
export type ScheduleLiteral = Partial<Pick<GtfsSchedule, 'agencyName' | 'timezone' | 'routes' | 'trips'>> &
  Pick<GtfsSchedule, 'stations' | 'stops'>;

/** An in-memory `ScheduleIndex` over a literal schedule, as the feeds module would serve one. */
export function scheduleIndex(schedule: ScheduleLiteral): ScheduleIndex {
  const trips = schedule.trips ?? [];
  const byId = <T>(items: T[], key: (item: T) => string) => new Map(items.map((item) => [key(item), item]));
  const stops = byId<GtfsStop>(schedule.stops, (s) => s.stopId);
  const stations = byId<GtfsStation>(schedule.stations, (s) => s.id);
  const routes = byId<GtfsRoute>(schedule.routes ?? [], (r) => r.routeId);
  return {
    timezone: schedule.timezone ?? 'America/Los_Angeles',
    agencyName: schedule.agencyName ?? 'Caltrain',
    trips: (tripId) => trips.filter((t) => t.tripId === tripId).sort((a, b) => a.serviceDate.localeCompare(b.serviceDate)),
    stop: (stopId) => stops.get(stopId),
    station: (stationId) => stations.get(stationId),
    route: (routeId) => routes.get(routeId),
    stationsOfRoute: (routeId) => [...new Set(trips.filter((t) => t.routeId === routeId).flatMap((t) => t.calls.map((c) => c.stationId)))],
    allStations: () => [...stations.keys()],
  };
}

/** A station and its stops (`[stopId, platform]`), so a test can declare both in one line. */
export function stationWithStops(
  id: string,
  name: string,
  stops: Array<[string, string | null]>,
): { station: GtfsStation; stops: GtfsStop[] } {
  return {
    station: { id, name, timezone: 'America/Los_Angeles', stopIds: [id, ...stops.map(([stopId]) => stopId)] },
    stops: stops.map(([stopId, platform]) => ({ stopId, stationId: id, platform })),
  };
}

/** A call on a literal timetable; `stationId` and `platform` come from the stop list given. */
export function call(stopSequence: number, stop: GtfsStop, arrival: string | null, departure: string | null): ScheduledCall {
  return { stopSequence, stopId: stop.stopId, stationId: stop.stationId, arrival, departure, platform: stop.platform };
}

export function scheduledTrip(overrides: Partial<ScheduledTrip> & Pick<ScheduledTrip, 'tripId' | 'serviceDate' | 'calls'>): ScheduledTrip {
  return { routeId: 'L1', line: 'Local', lineColor: '#e31837', destination: 'Capitol', origin: 'San Francisco', ...overrides };
}
