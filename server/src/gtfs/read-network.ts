import { LANGUAGE_TAG } from '#shared/language';
import type { FeedTextTally } from './feed-text';
import type { GtfsArchive, GtfsRow } from './gtfs-archive';
import { GtfsError } from './gtfs-error';
import { stationIdFor } from './gtfs-ids';
import { NearbyStops } from './nearby-stops';
import { isTimeZone } from '#shared/zoned-time';
import type { GtfsRoute, GtfsStation, GtfsStop } from './schedule-types';

/** What a board shows when a route has no usable route_color: the neutral grey of the station screen. */
export const DEFAULT_LINE_COLOR = '#6b7280';
/** A line badge holds a short name; a long name beyond this would not fit on a screen anyway. */
const MAX_LINE_LENGTH = 32;
const HEX_COLOR = /^[0-9a-f]{6}$/i;

/** The feed's first agency: its name names the feed, its timezone is the feed's (each route's trips are timed in their own agency's, see `readRouteTimezones`). */
export interface Agency {
  name: string;
  timezone: string;
  /** `feed_lang` (feed_info.txt), else `agency_lang`, lower-case; `null` when neither names one language. */
  language: string | null;
}

/** A feed's stations and the stops that belong to them, with the lookups the trip reader needs. */
export interface Network {
  stations: GtfsStation[];
  stops: GtfsStop[];
  stopById: Map<string, GtfsStop>;
  stationById: Map<string, GtfsStation>;
  /** Stations whose stop_timezone the feed gives; the others take the zone of the agency serving them. */
  zoneGiven: Set<string>;
  /** Stops without a parent grouped with a namesake nearby, one line each, for the import's report. */
  grouped: string[];
}

export async function readAgency(archive: GtfsArchive): Promise<Agency> {
  for await (const { row, line } of archive.rows('agency.txt', ['agency_name', 'agency_timezone'])) {
    if (!isTimeZone(row.agency_timezone)) {
      throw new GtfsError(`agency_timezone "${row.agency_timezone}" is not an IANA timezone`, 'agency.txt', line);
    }
    return {
      name: archive.texts.clean(row.agency_name) || row.agency_id || 'GTFS feed',
      timezone: row.agency_timezone,
      language: (await readFeedLanguage(archive)) ?? languageOf(row.agency_lang),
    };
  }
  throw new GtfsError('no agency in the file', 'agency.txt');
}

/** feed_info.txt's feed_lang; "mul" (several languages) names none. */
async function readFeedLanguage(archive: GtfsArchive): Promise<string | null> {
  if (!archive.has('feed_info.txt')) return null;
  for await (const { row } of archive.rows('feed_info.txt')) return languageOf(row.feed_lang);
  return null;
}

function languageOf(value: string | undefined): string | null {
  const tag = (value ?? '').trim().toLowerCase();
  return tag !== 'mul' && LANGUAGE_TAG.test(tag) ? tag : null;
}

/** feed_info.txt's feed_start_date and feed_end_date: the dates the agency says the schedule is good for. */
export async function readFeedValidity(archive: GtfsArchive): Promise<{ from: string | null; until: string | null } | null> {
  if (!archive.has('feed_info.txt')) return null;
  for await (const { row } of archive.rows('feed_info.txt')) {
    const day = (value: string | undefined) => (value && /^\d{8}$/.test(value) ? value : null);
    const from = day(row.feed_start_date);
    const until = day(row.feed_end_date);
    return from || until ? { from, until } : null;
  }
  return null;
}

/** feed_info.txt's feed_version: optional, and only for showing which timetable is loaded. */
export async function readFeedVersion(archive: GtfsArchive): Promise<string | null> {
  if (!archive.has('feed_info.txt')) return null;
  for await (const { row } of archive.rows('feed_info.txt')) return row.feed_version || null;
  return null;
}

export async function readRoutes(archive: GtfsArchive): Promise<Map<string, GtfsRoute>> {
  const routes = new Map<string, GtfsRoute>();
  for await (const { row } of archive.rows('routes.txt', ['route_id'])) {
    const line = (
      archive.texts.clean(row.route_short_name) ||
      archive.texts.clean(row.route_long_name) ||
      archive.texts.clean(row.route_id)
    ).slice(0, MAX_LINE_LENGTH);
    const hex = row.route_color ?? '';
    const color = HEX_COLOR.test(hex) ? `#${hex.toLowerCase()}` : DEFAULT_LINE_COLOR;
    // 714: "Rail Replacement Bus Service" in the extended route types (the basic ones have no such type).
    routes.set(row.route_id, { routeId: row.route_id, line, color, ...(row.route_type === '714' ? { replacement: true as const } : {}) });
  }
  return routes;
}

interface StopRow {
  stopId: string;
  name: string;
  locationType: number;
  parent: string;
  platform: string | null;
  timezone: string;
  lat: number | null;
  lon: number | null;
  line: number;
}

/**
 * Stations are GTFS parent stations (location_type 1) and stops without a parent; platforms join
 * their parent's station. Entrances, generic nodes and boarding areas (2, 3, 4) are not where a
 * trip calls, so they are left out. Every station is kept, served in the window or not: a board
 * for a station with no service today should still exist.
 */
export async function readStops(archive: GtfsArchive, agency: Agency, prefix: string): Promise<Network> {
  const rows: StopRow[] = [];
  for await (const row of archive.rows('stops.txt', ['stop_id'])) rows.push(stopRow(row, archive.texts));
  const network: Network = { stations: [], stops: [], stopById: new Map(), stationById: new Map(), zoneGiven: new Set(), grouped: [] };
  const stationOf = new Map<string, GtfsStation>();
  const nearby = new NearbyStops<GtfsStation>();
  for (const stop of rows) {
    if (stop.locationType === 1) stationOf.set(stop.stopId, addStation(network, stop, prefix, agency));
    if (stop.locationType !== 0 || stop.parent) continue;
    const namesake = nearby.find(stop);
    if (namesake) {
      namesake.stopIds.push(stop.stopId);
      stationOf.set(stop.stopId, namesake);
      network.grouped.push(`stop "${stop.stopId}" (${stop.name}) is within 200 m of a stop of that name: one station, ${namesake.id}`);
      continue;
    }
    const station = addStation(network, stop, prefix, agency);
    stationOf.set(stop.stopId, station);
    nearby.add(stop, station);
  }
  for (const stop of rows) {
    if (stop.locationType > 1) continue;
    const station = stop.parent && stop.locationType === 0 ? parentStation(stop, stationOf) : stationOf.get(stop.stopId)!;
    if (stop.parent && stop.locationType === 0) station.stopIds.push(stop.stopId);
    const gtfsStop: GtfsStop = { stopId: stop.stopId, stationId: station.id, platform: stop.platform };
    network.stops.push(gtfsStop);
    network.stopById.set(stop.stopId, gtfsStop);
  }
  return network;
}

function stopRow({ row, line }: GtfsRow, texts: FeedTextTally): StopRow {
  const type = row.location_type || '0';
  if (!/^[0-4]$/.test(type)) throw new GtfsError(`location_type "${type}" is not 0 to 4`, 'stops.txt', line);
  const timezone = row.stop_timezone ?? '';
  if (timezone && !isTimeZone(timezone)) {
    throw new GtfsError(`stop_timezone "${timezone}" is not an IANA timezone`, 'stops.txt', line);
  }
  return {
    stopId: row.stop_id,
    name: texts.clean(row.stop_name) || texts.clean(row.stop_id),
    locationType: Number(type),
    parent: row.parent_station ?? '',
    platform: texts.clean(row.platform_code) || null,
    timezone,
    lat: coordinate(row.stop_lat, 90),
    lon: coordinate(row.stop_lon, 180),
    line,
  };
}

/** A latitude or longitude; `null` when absent or not one (a stop need not have a position: then it is never grouped). */
function coordinate(text: string | undefined, limit: number): number | null {
  const value = text ? Number(text) : NaN;
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** Two stop ids can make one station id ("22nd_street", "22nd-street"); they become one station, named by the first. */
function addStation(network: Network, stop: StopRow, prefix: string, agency: Agency): GtfsStation {
  const id = stationIdFor(stop.stopId, prefix);
  const existing = network.stationById.get(id);
  if (existing) {
    existing.stopIds.push(stop.stopId);
    return existing;
  }
  const station: GtfsStation = {
    id,
    name: stop.name,
    timezone: stop.timezone || agency.timezone,
    stopIds: [stop.stopId],
    ...(agency.language ? { language: agency.language } : {}),
  };
  network.stations.push(station);
  network.stationById.set(id, station);
  if (stop.timezone) network.zoneGiven.add(id);
  return station;
}

function parentStation(stop: StopRow, stationOf: Map<string, GtfsStation>): GtfsStation {
  const station = stationOf.get(stop.parent);
  if (!station) {
    throw new GtfsError(`parent_station "${stop.parent}" is not a station (location_type 1) in stops.txt`, 'stops.txt', stop.line);
  }
  return station;
}
