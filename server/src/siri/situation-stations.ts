import type { GtfsRoute, ScheduleIndex } from '../gtfs/schedule-types';
import type { SiriAffects } from './siri-delivery';

/** The stations a situation's Affects reach, and how many of the named stops and lines the schedule knows. */
export interface AffectedStations {
  stationIds: string[];
  entities: number;
  matchedEntities: number;
  /** The named stops and lines the schedule does not know, as a problem list reads them. */
  unknown: string[];
}

/**
 * Stop places and stop points map to their GTFS stop's station (a SIRI stop place ref is the
 * parent station's stop_id, a stop point ref a platform's, in feeds that share their ids); a line
 * (`LineRef`: route id, else short name) to every station its runs call at; `AllLines` to the whole network.
 */
export function situationStations(affects: SiriAffects, index: ScheduleIndex, routes: GtfsRoute[]): AffectedStations {
  const result: AffectedStations = { stationIds: [], entities: 0, matchedEntities: 0, unknown: [] };
  const stations = new Set<string>();
  const count = (label: string, found: string[]) => {
    result.entities += 1;
    if (found.length === 0) result.unknown.push(label);
    else result.matchedEntities += 1;
    found.forEach((id) => stations.add(id));
  };
  for (const ref of affects.stopPlaceRefs) count(`stop place ${ref}`, stationOf(ref, index));
  for (const ref of affects.stopPointRefs) count(`stop point ${ref}`, stationOf(ref, index));
  for (const ref of affects.lineRefs) count(`line ${ref}`, lineStations(ref, index, routes));
  if (affects.allLines) count('all lines', index.allStations());
  result.stationIds = [...stations];
  return result;
}

function stationOf(ref: string, index: ScheduleIndex): string[] {
  const stationId = index.stop(ref)?.stationId;
  return stationId === undefined ? [] : [stationId];
}

function lineStations(ref: string, index: ScheduleIndex, routes: GtfsRoute[]): string[] {
  const byId = index.stationsOfRoute(ref);
  if (byId.length > 0) return byId;
  return [...new Set(routes.filter((r) => r.line === ref).flatMap((r) => index.stationsOfRoute(r.routeId)))];
}
