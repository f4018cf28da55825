import type { FeedSourceKind } from '#shared/feeds';
import type { AlertPlan } from '../gtfs-rt/plan-alerts';
import { emptyTripStats, type TripUpdatePlan } from '../gtfs-rt/trip-update-plan';

/** Plans made from one message, GTFS-Realtime or SIRI, and where their health is kept. */
export interface RealtimePlans {
  /** `null`: the message says nothing about trips (their source's health is left alone). */
  trips: TripUpdatePlan | null;
  /** Counts of the trips plan beyond the common ones (SIRI: journeys matched by line). */
  tripStats?: Record<string, number>;
  alerts: AlertPlan | null;
  /** The stations whose earlier alerts the message may replace … */
  alertStations: string[];
  /** … and which of those it replaces (clears unless planned again). */
  replacesAlert: (stationId: string, alertId: string) => boolean;
  dataAt: string | null;
  /** The message's entity count, for the write's size. */
  size: number;
  sources: { trips: FeedSourceKind; alerts: FeedSourceKind };
}

/** The trips plan of a message that has none. */
export const EMPTY_TRIPS: TripUpdatePlan = {
  rows: [],
  added: [],
  problems: [],
  stats: emptyTripStats(),
};
