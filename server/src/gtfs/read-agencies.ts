import { isTimeZone } from '#shared/zoned-time';
import type { GtfsArchive } from './gtfs-archive';
import { GtfsError } from './gtfs-error';

/**
 * The timezone each route's trips are timed in: its agency's `agency_timezone`. GTFS asks every
 * agency of one feed to share a timezone, but merged regional feeds do not, and a trip's times
 * count from the service day of its own agency (stop_timezone never changes them, as the spec
 * says: it only changes how a station shows them). A route without a known agency_id is the first
 * agency's, as a feed of one agency may leave the column out.
 */
export async function readRouteTimezones(archive: GtfsArchive, feedTimezone: string): Promise<Map<string, string>> {
  const agencies = new Map<string, string>();
  for await (const { row, line } of archive.rows('agency.txt', ['agency_timezone'])) {
    if (!isTimeZone(row.agency_timezone)) {
      throw new GtfsError(`agency_timezone "${row.agency_timezone}" is not an IANA timezone`, 'agency.txt', line);
    }
    if (row.agency_id && !agencies.has(row.agency_id)) agencies.set(row.agency_id, row.agency_timezone);
  }
  const zones = new Map<string, string>();
  for await (const { row } of archive.rows('routes.txt', ['route_id'])) {
    zones.set(row.route_id, agencies.get(row.agency_id ?? '') ?? feedTimezone);
  }
  return zones;
}
