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

/**
 * Checks the shape the screen dereferences while drawing, so one malformed row cannot blank a
 * wall screen; values (a colour, a time) are checked where they are shown.
 */
function hasPayload(event: Record<string, unknown>): boolean {
  switch (event.type) {
    case 'snapshot': {
      const board = event.board;
      return (
        isRecord(board) &&
        isRecord(board.station) &&
        typeof board.station.name === 'string' &&
        typeof board.station.timezone === 'string' &&
        isSeq(board.seq) &&
        Array.isArray(board.departures) &&
        board.departures.every(isDeparture) &&
        Array.isArray(board.alerts) &&
        board.alerts.every(isAlert)
      );
    }
    case 'departure-set':
      return isSeq(event.seq) && isDeparture(event.departure);
    case 'departure-removed':
      return isSeq(event.seq) && typeof event.departureId === 'string';
    case 'alert-set':
      return isSeq(event.seq) && isAlert(event.alert);
    case 'alert-cleared':
      return isSeq(event.seq) && typeof event.alertId === 'string';
    case 'reload':
      return true;
    case 'screen':
      return typeof event.beaconKey === 'string';
    case 'heartbeat':
      return (
        typeof event.serverTime === 'string' &&
        typeof event.version === 'string' &&
        typeof event.intervalMs === 'number' &&
        event.intervalMs > 0
      );
    default:
      return false;
  }
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
