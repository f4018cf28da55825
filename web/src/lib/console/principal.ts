import type { Principal, Role } from '#shared/auth';
import type { Station } from '#shared/board';

/**
 * What the console shows whom (with `mayChange` from the contract). The server decides every
 * request; these only hide what would be refused anyway, so nobody fills in a form to be told no.
 */

/** A user's role, read back from its permissions (the session carries permissions, not the role). */
export function roleOf(principal: Principal): Role {
  if (principal.permissions.includes('admin')) return 'admin';
  if (principal.permissions.includes('departures') || principal.permissions.includes('alerts')) return 'operator';
  return 'viewer';
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer (read only)',
  operator: 'Operator',
  admin: 'Administrator',
};

/** The stations a principal may work on, in name order: only its own when it is limited to some. */
export function stationsFor(principal: Principal, stations: readonly Station[]): Station[] {
  const allowed = principal.stations === null ? null : new Set(principal.stations);
  return stations.filter((s) => allowed === null || allowed.has(s.id)).sort((a, b) => a.name.localeCompare(b.name));
}

/** `Zürich HB, Bern` or `all stations`, with ids shown for stations that no longer exist. */
export function describeStations(ids: readonly string[] | null, stations: readonly Station[]): string {
  if (ids === null) return 'all stations';
  if (ids.length === 0) return 'no stations';
  const names = new Map(stations.map((s) => [s.id, s.name]));
  return ids.map((id) => names.get(id) ?? id).join(', ');
}
