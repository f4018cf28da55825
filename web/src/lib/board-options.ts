import type { Departure, RowKind } from '#shared/board';

/** Which rows a board shows: services leaving the station, or services arriving at it. */
export type BoardMode = 'departures' | 'arrivals';
/** The languages a board can label itself in. */
export type Lang = 'en' | 'de';
/** `contrast` is for screens in direct sunlight or readers with low vision: pure black and white. */
export type Theme = 'dark' | 'light' | 'contrast';

/**
 * How one screen shows a station's board, read from its URL (`/board/zurich-hb?mode=arrivals`).
 * A screen is set up once and then nobody looks at its URL again, so a value that cannot be
 * understood falls back to the default instead of leaving the screen blank.
 */
export interface BoardOptions {
  mode: BoardMode;
  /** Only rows at these platforms (compared normalized, see `normalize`); `null` shows all. */
  platforms: string[] | null;
  /** Only rows of these lines (normalized); `null` shows all. */
  lines: string[] | null;
  /** Fixed rows per page; `null` fits as many as the screen has room for. */
  rows: number | null;
  /** At least one; more than one rotate (see `boardRotation`). */
  langs: Lang[];
  theme: Theme;
  /** `?turn=`: seconds a page of later rows (and a page of a long alert) stays before the next. */
  turnSeconds: number;
  /** `?delay=`: delays shorter than this many minutes are not shown (early running always is). */
  delayFrom: number;
}

export const DEFAULT_BOARD_OPTIONS: BoardOptions = {
  mode: 'departures',
  platforms: null,
  lines: null,
  rows: null,
  langs: ['en'],
  theme: 'dark',
  turnSeconds: 10,
  // Under two minutes is noise on a board: feeds estimate to the second and drift by a minute either way.
  delayFrom: 2,
};

/** More rows than this on one page could not be read from anywhere. */
export const MAX_ROWS_PER_PAGE = 100;
/** Faster than a second nobody could read a page; slower than five minutes later rows are as good as hidden. */
export const TURN_SECONDS = { min: 1, max: 300 };
/** A delay threshold beyond an hour would hide delays that passengers must know about. */
export const MAX_DELAY_FROM = 60;

const MODES: readonly BoardMode[] = ['departures', 'arrivals'];
const LANGS: readonly Lang[] = ['en', 'de'];
const THEMES: readonly Theme[] = ['dark', 'light', 'contrast'];

export function parseBoardOptions(search: string | URLSearchParams): BoardOptions {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const langs = list(params.get('lang')).filter((lang): lang is Lang => oneOf(LANGS, lang));
  return {
    mode: pick(MODES, params.get('mode'), DEFAULT_BOARD_OPTIONS.mode),
    platforms: nonEmpty(list(params.get('platform'))),
    lines: nonEmpty(list(params.get('line'))),
    rows: rowCount(params.get('rows')),
    langs: langs.length > 0 ? [...new Set(langs)] : DEFAULT_BOARD_OPTIONS.langs,
    theme: pick(THEMES, params.get('theme'), DEFAULT_BOARD_OPTIONS.theme),
    turnSeconds: whole(params.get('turn'), TURN_SECONDS.min, TURN_SECONDS.max) ?? DEFAULT_BOARD_OPTIONS.turnSeconds,
    delayFrom: whole(params.get('delay'), 1, MAX_DELAY_FROM) ?? DEFAULT_BOARD_OPTIONS.delayFrom,
  };
}

/** The rows a board with these options shows, in the board's order. */
export function selectRows(departures: readonly Departure[], options: BoardOptions): Departure[] {
  const kind: RowKind = options.mode === 'arrivals' ? 'arrival' : 'departure';
  const { platforms, lines } = options;
  return oneRowPerHeadway(
    departures.filter(
      (row) =>
        row.kind === kind &&
        (platforms === null || platforms.includes(normalize(row.platform ?? row.scheduledPlatform ?? ''))) &&
        (lines === null || lines.includes(normalize(row.line))),
    ),
  );
}

/**
 * A headway-based service ("every 10 min") is one row for its line and destination: the runs the
 * server keeps behind it only carry the estimate of when each leaves, and ten rows that all say
 * "every 10 min" would push the timed services off the screen. A cancelled run still shows.
 */
export function oneRowPerHeadway(rows: Departure[]): Departure[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (!row.headwayMinutes || row.status === 'cancelled') return true;
    // Its time was only an estimate: that one run has left says nothing, the next shows the service.
    if (row.status === 'departed') return false;
    const key = `${row.line}\n${row.destination}\n${row.headwayMinutes}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * People type what they see on the badge, and badges differ in spacing and case between
 * operators (`IC 5`, `IC5`, `ic5`): all of them mean the same line.
 */
export function normalize(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map(normalize)
    .filter((item) => item !== '');
}

function nonEmpty(items: string[]): string[] | null {
  return items.length > 0 ? [...new Set(items)] : null;
}

function rowCount(value: string | null): number | null {
  return whole(value, 1, MAX_ROWS_PER_PAGE);
}

/** A whole number from `min` to `max` written as digits, or `null`. */
function whole(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\s*\d{1,3}\s*$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function pick<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  const normalized = normalize(value ?? '');
  return oneOf(allowed, normalized) ? normalized : fallback;
}

function oneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}
