/** What a key means on the departure table; one union, so the table handles every kind. */
export type TableCommand =
  | { type: 'find' }
  | { type: 'move'; step: number; extend: boolean }
  | { type: 'select-all' }
  | { type: 'clear' }
  | { type: 'add-delay'; minutes: number }
  | { type: 'delay' }
  | { type: 'platform' }
  | { type: 'cancel' }
  | { type: 'reinstate' }
  | { type: 'undo' }
  /** To the alert form, beside the table: an evacuation is posted without the mouse too. */
  | { type: 'alert' };

const PLAIN: Record<string, TableCommand> = {
  '/': { type: 'find' },
  a: { type: 'select-all' },
  Escape: { type: 'clear' },
  '1': { type: 'add-delay', minutes: 1 },
  '5': { type: 'add-delay', minutes: 5 },
  '+': { type: 'add-delay', minutes: 5 },
  '0': { type: 'add-delay', minutes: 10 },
  d: { type: 'delay' },
  p: { type: 'platform' },
  c: { type: 'cancel' },
  r: { type: 'reinstate' },
  u: { type: 'undo' },
  n: { type: 'alert' },
};

const MOVES: Record<string, number> = { j: 1, k: -1, J: 1, K: -1, ArrowDown: 1, ArrowUp: -1 };

/**
 * The command a key press gives, or `null` when it is the page's: typing in a field, a key with
 * Ctrl/Alt/Meta (the browser's), or any key while a dialog is open.
 */
export function tableKey(event: KeyboardEvent): TableCommand | null {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as HTMLElement | null;
  if (target?.closest('dialog')) return null;
  const typing = target?.matches('textarea, select, [contenteditable], input:not([type=checkbox])');
  if (typing) return null;
  if (event.key in MOVES) return { type: 'move', step: MOVES[event.key], extend: event.shiftKey };
  return PLAIN[event.key] ?? null;
}
