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

/** Checks only what `applyEvent` dereferences, so a malformed message cannot crash the screen. */
function hasPayload(event: Record<string, unknown>): boolean {
  switch (event.type) {
    case 'snapshot': {
      const board = event.board;
      return (
        isRecord(board) &&
        isRecord(board.station) &&
        Array.isArray(board.departures) &&
        Array.isArray(board.alerts) &&
        typeof board.seq === 'number'
      );
    }
    case 'departure-set':
      return isSeq(event.seq) && isRecord(event.departure) && typeof event.departure.id === 'string';
    case 'departure-removed':
      return isSeq(event.seq) && typeof event.departureId === 'string';
    case 'alert-set':
      return isSeq(event.seq) && isRecord(event.alert) && typeof event.alert.id === 'string';
    case 'alert-cleared':
      return isSeq(event.seq) && typeof event.alertId === 'string';
    default:
      return false;
  }
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
