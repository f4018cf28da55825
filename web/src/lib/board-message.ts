import type { BoardEvent } from '#shared/board-event';

/**
 * Parses one SSE message of a board stream. The stream is an edge, so nothing is trusted:
 * anything that is not JSON, not an object, or whose `type` differs from the SSE event name
 * it arrived under is dropped (`null`) rather than applied to the board.
 */
export function parseBoardMessage(eventName: string, data: string): BoardEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.type !== eventName) return null;
  return hasPayload(value) ? (value as unknown as BoardEvent) : null;
}

type Check = (event: Record<string, unknown>) => boolean;

/**
 * The shape the screen dereferences while drawing, per kind of message, so one malformed row
 * cannot blank a wall screen; values (a colour, a time) are checked where they are shown. One
 * entry per kind: a new kind is refused by the compiler until it is checked here.
 */
const PAYLOAD: Record<BoardEvent['type'], Check> = {
  snapshot: ({ board }) =>
    isRecord(board) &&
    isRecord(board.station) &&
    typeof board.station.name === 'string' &&
    typeof board.station.timezone === 'string' &&
    isSeq(board.seq) &&
    Array.isArray(board.departures) &&
    board.departures.every(isDeparture) &&
    Array.isArray(board.alerts) &&
    board.alerts.every(isAlert),
  'departure-set': (event) => isSeq(event.seq) && isDeparture(event.departure),
  'departure-removed': (event) => isSeq(event.seq) && typeof event.departureId === 'string',
  'alert-set': (event) => isSeq(event.seq) && isAlert(event.alert),
  'alert-cleared': (event) => isSeq(event.seq) && typeof event.alertId === 'string',
  reload: () => true,
  screen: (event) => typeof event.beaconKey === 'string',
  heartbeat: (event) =>
    typeof event.serverTime === 'string' &&
    typeof event.version === 'string' &&
    typeof event.intervalMs === 'number' &&
    event.intervalMs > 0,
};

function hasPayload(event: Record<string, unknown>): boolean {
  const type = event.type;
  return typeof type === 'string' && Object.hasOwn(PAYLOAD, type) && PAYLOAD[type as BoardEvent['type']](event);
}

function isDeparture(value: unknown): boolean {
  return (
    isRecord(value) &&
    ['id', 'line', 'lineColor', 'destination', 'scheduledTime', 'status'].every((k) => typeof value[k] === 'string') &&
    Array.isArray(value.via) &&
    Array.isArray(value.remarks) &&
    typeof value.version === 'number'
  );
}

function isAlert(value: unknown): boolean {
  return isRecord(value) && ['id', 'severity', 'text', 'createdAt'].every((k) => typeof value[k] === 'string');
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
