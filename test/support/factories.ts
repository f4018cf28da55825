import type { PutDepartureBody } from '#shared/api';
import type { Alert, Board, Departure } from '#shared/board';

/** A timetabled departure `minutesFromNow` ahead, as a feed would PUT it. */
export function departureBody(overrides: Partial<PutDepartureBody> = {}, minutesFromNow = 30): PutDepartureBody {
  return {
    line: 'S8',
    lineColor: '#00843d',
    destination: 'Pfäffikon SZ',
    via: ['Oerlikon', 'Winterthur'],
    scheduledTime: new Date(Math.ceil(Date.now() / 60_000) * 60_000 + minutesFromNow * 60_000).toISOString(),
    scheduledPlatform: '33',
    ...overrides,
  };
}

export function departure(overrides: Partial<Departure> = {}): Departure {
  return {
    id: 'd1',
    kind: 'departure',
    line: 'S8',
    lineColor: '#00843d',
    destination: 'Pfäffikon SZ',
    origin: null,
    via: [],
    trainNumber: null,
    skippedStops: [],
    shortenedAt: null,
    replacement: false,
    scheduledTime: '2026-11-23T09:32:00.000Z',
    expectedTime: null,
    scheduledPlatform: '33',
    platform: '33',
    status: 'on-time',
    cancelReason: null,
    remarks: [],
    override: null,
    version: 1,
    updatedAt: '2026-11-23T08:00:00.000Z',
    ...overrides,
  };
}

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    severity: 'warning',
    text: 'Lift out of service',
    validFrom: null,
    validUntil: null,
    createdAt: '2026-11-23T08:00:00.000Z',
    ...overrides,
  };
}

export function board(overrides: Partial<Board> = {}): Board {
  return {
    epoch: 'e1',
    seq: 10,
    station: { id: 'zurich-hb', name: 'Zürich HB', timezone: 'Europe/Zurich' },
    departures: [],
    alerts: [],
    feed: null,
    ...overrides,
  };
}
