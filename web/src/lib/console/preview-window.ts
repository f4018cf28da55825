import type { Board, Departure } from '#shared/board';
import { type BoardOptions, DEFAULT_BOARD_OPTIONS, TURN_SECONDS } from '../board-options';

/** Rows the console's preview shows around the row the operator works on. */
export const PREVIEW_ROWS = 8;

/**
 * The preview as the wall board shows it, until the operator works on a row: then a fixed
 * window of the board's rows of that kind around it, on one page, so it never pages away.
 */
export function previewWindow(board: Board, focus: Departure | null): { board: Board; options: BoardOptions } {
  if (!focus) return { board, options: DEFAULT_BOARD_OPTIONS };
  const rows = board.departures.filter((d) => d.kind === focus.kind);
  const at = rows.findIndex((d) => d.id === focus.id);
  const start = Math.max(0, Math.min(at - 2, rows.length - PREVIEW_ROWS));
  return {
    board: { ...board, departures: rows.slice(start, start + PREVIEW_ROWS) },
    options: {
      ...DEFAULT_BOARD_OPTIONS,
      mode: focus.kind === 'arrival' ? 'arrivals' : 'departures',
      rows: PREVIEW_ROWS,
      turnSeconds: TURN_SECONDS.max,
    },
  };
}
