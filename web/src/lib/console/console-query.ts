import type { RowKind } from '#shared/board';

/** Which rows the departure table lists: both kinds, or one. */
export type KindFilter = 'all' | RowKind;

/** The console state its address holds (see `ConsoleAddress`). */
export interface ConsoleQuery {
  station: string;
  selected: string[];
  query: string;
  kind: KindFilter;
  line: string;
}

export type QueryChanges = Partial<Record<'station' | 'sel' | 'q' | 'kind' | 'line', string>>;

const KINDS: readonly KindFilter[] = ['all', 'departure', 'arrival'];

export function readQuery(search: string): ConsoleQuery {
  const params = new URLSearchParams(search);
  const sel = params.get('sel');
  return {
    station: params.get('station') ?? '',
    selected: sel ? sel.split(',').filter(Boolean) : [],
    query: params.get('q') ?? '',
    kind: KINDS.find((k) => k === params.get('kind')) ?? 'all',
    line: params.get('line') ?? '',
  };
}

/** `/admin?…` with `changes` applied and the rest kept; empty values (and `kind=all`) leave the address. */
export function withQuery(search: string, changes: QueryChanges): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value && !(key === 'kind' && value === 'all')) params.set(key, value);
    else params.delete(key);
  }
  // Commas between ids read better than %2C in a link someone pastes into a chat.
  const query = params.toString().replaceAll('%2C', ',');
  return `/admin${query ? `?${query}` : ''}`;
}
