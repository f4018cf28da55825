import type { PutDepartureBody } from '#shared/api';
import { departureIdFor } from './gtfs-ids';
import type { ScheduledCall, ScheduledTrip } from './schedule-types';

/** How many intermediate stops a row names: enough to tell two services apart, few enough to read across a platform. */
const MAX_VIA = 3;

/** A board row a trip makes at one station: a departure (every call but the last) or an arrival (every call but the first). */
export interface TripRow {
  stationId: string;
  departureId: string;
  stopSequence: number;
  body: PutDepartureBody;
}

/** The board rows of one run of a trip, in call order: what the schedule import stores and the realtime feed updates. */
export function rowsForTrip(trip: ScheduledTrip, stationName: (stationId: string) => string): TripRow[] {
  const rows: TripRow[] = [];
  // A loop or circle line calls at one station twice: each call is a row of its own, the second `~2`.
  const calls = new Map<string, number>();
  const idFor = (call: ScheduledCall, kind: 'departure' | 'arrival') => {
    const key = `${call.stationId}\n${kind}`;
    const nth = (calls.get(key) ?? 0) + 1;
    calls.set(key, nth);
    const id = departureIdFor(trip.tripId, trip.serviceDate, kind);
    return nth === 1 ? id : `${id}~${nth}`;
  };
  trip.calls.forEach((call, index) => {
    if (call.departure !== null && index < trip.calls.length - 1) {
      rows.push(
        row(trip, call, idFor(call, 'departure'), 'departure', call.departure, pickVia(trip.calls.slice(index + 1, -1), stationName)),
      );
    }
    if (call.arrival !== null && index > 0) {
      rows.push(row(trip, call, idFor(call, 'arrival'), 'arrival', call.arrival, pickVia(trip.calls.slice(1, index), stationName)));
    }
  });
  return rows;
}

function row(
  trip: ScheduledTrip,
  call: ScheduledCall,
  departureId: string,
  kind: 'departure' | 'arrival',
  time: string,
  via: string[],
): TripRow {
  return {
    stationId: call.stationId,
    departureId,
    stopSequence: call.stopSequence,
    body: {
      kind,
      line: trip.line,
      lineColor: trip.lineColor,
      destination: trip.destination,
      origin: trip.origin,
      via,
      trainNumber: trip.trainNumber ?? null,
      replacement: trip.replacement ?? false,
      ...(trip.headwayMinutes ? { headwayMinutes: trip.headwayMinutes } : {}),
      scheduledTime: time,
      scheduledPlatform: call.platform,
      platform: call.platform,
    },
  };
}

/** Up to `MAX_VIA` stations spread evenly over the calls in between, skipping repeats of one station. */
function pickVia(between: ScheduledCall[], stationName: (stationId: string) => string): string[] {
  const names = [...new Set(between.map((call) => stationName(call.stationId)))];
  if (names.length <= MAX_VIA) return names;
  const step = names.length / MAX_VIA;
  return Array.from({ length: MAX_VIA }, (_, i) => names[Math.floor(i * step + step / 2)]);
}
