/**
 * Stops without a parent station that share a name and stand a few steps apart ("Bern" for each
 * direction of a bus stop, or a bus and a tram stop in front of one station) are, for a passenger,
 * one place: they get one board. Further apart, two stops of one name are two places (a "Main
 * Street" in each of two towns).
 */

/** How close two namesake stops must be to be one station. */
export const SAME_PLACE_METRES = 200;
const EARTH_RADIUS_METRES = 6_371_000;

export interface Place {
  name: string;
  lat: number | null;
  lon: number | null;
}

/** Finds, for a stop, an earlier stop of the same name within `SAME_PLACE_METRES`; keyed by name, so a big feed stays linear. */
export class NearbyStops<T> {
  private readonly byName = new Map<string, { place: Place; value: T }[]>();

  /** The value of a namesake within reach, else `undefined`; stops without a position are never grouped. */
  find(place: Place): T | undefined {
    if (place.lat === null || place.lon === null) return undefined;
    const namesakes = this.byName.get(key(place.name)) ?? [];
    return namesakes.find(({ place: other }) => metresBetween(place, other) <= SAME_PLACE_METRES)?.value;
  }

  add(place: Place, value: T): void {
    if (place.lat === null || place.lon === null) return;
    const namesakes = this.byName.get(key(place.name)) ?? [];
    namesakes.push({ place, value });
    this.byName.set(key(place.name), namesakes);
  }
}

function key(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Great-circle distance (haversine): exact enough at a few hundred metres anywhere on Earth. */
export function metresBetween(a: Place, b: Place): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat! - a.lat!);
  const dLon = rad(b.lon! - a.lon!);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat!)) * Math.cos(rad(b.lat!)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
}
