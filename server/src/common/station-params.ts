import { Matches } from 'class-validator';

/** Station ids are URL-safe slugs, so they read well in a board's address: `/board/zurich-hb`. */
export const STATION_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Departure and alert ids come from feeds (trip ids), so they allow a wider set of characters. */
export const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}$/;

export class StationParams {
  /**
   * The station's id, a lowercase slug.
   * @example "zurich-hb"
   */
  @Matches(STATION_ID, { message: 'stationId must be a lowercase slug (a-z, 0-9, "-"), at most 64 characters' })
  stationId!: string;
}

export class DepartureParams extends StationParams {
  /**
   * The departure's id, chosen by whoever created it (a feed's trip id, say).
   * @example "s8-20261123T2114"
   */
  @Matches(ITEM_ID, { message: 'departureId must be 1-128 characters: letters, digits, ".", "_", ":", "~", "-"' })
  departureId!: string;
}

export class AlertParams extends StationParams {
  /**
   * The alert's id, as the answer to creating it gave it.
   * @example "a-3f9a0c1b2d4e"
   */
  @Matches(ITEM_ID, { message: 'alertId must be 1-128 characters: letters, digits, ".", "_", ":", "~", "-"' })
  alertId!: string;
}
