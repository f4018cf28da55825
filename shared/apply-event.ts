import type { Alert, Board, Departure } from './board';
import type { BoardEvent } from './board-event';

/**
 * Display order: by timetabled time, so a delayed train keeps its place and passengers find it
 * where they expect; ties broken by id so every screen draws the same order.
 */
export function compareDepartures(a: Departure, b: Departure): number {
  if (a.scheduledTime !== b.scheduledTime) return a.scheduledTime < b.scheduledTime ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Applies one stream event to a board and returns the new board; the input is never mutated,
 * so a UI holding the old board can compare. A change at or below the board's `seq` was
 * already applied (a replayed or duplicated message) and returns the same board unchanged.
 */
export function applyEvent(board: Board | null, event: BoardEvent): Board | null {
  if (event.type === 'snapshot') return event.board;
  if (event.type === 'heartbeat' || event.type === 'reload' || event.type === 'screen' || board === null || event.seq <= board.seq)
    return board;
  const next = { ...board, seq: event.seq };
  switch (event.type) {
    case 'departure-set':
      return { ...next, departures: upsert(board.departures, event.departure).sort(compareDepartures) };
    case 'departure-removed':
      return { ...next, departures: board.departures.filter((d) => d.id !== event.departureId) };
    case 'alert-set':
      return { ...next, alerts: upsert(board.alerts, event.alert) };
    case 'alert-cleared':
      return { ...next, alerts: board.alerts.filter((a) => a.id !== event.alertId) };
    default:
      return assertNever(event);
  }
}

function upsert<T extends Departure | Alert>(items: T[], item: T): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index === -1) return [...items, item];
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled board event: ${JSON.stringify(value)}`);
}
