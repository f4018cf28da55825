import type { Board } from '#shared/board';
import type { SnapshotEvent } from '#shared/board-event';
import { parseBoardMessage } from '../lib/board-message';

/** A station's board as this screen last had it, kept for a start without a network. */
export interface LastBoard {
  board: Board;
  /** When the stream last confirmed this board (the server's clock, as the screen knew it). */
  asOf: Date;
}

/**
 * Not a shell cache: it outlives builds. What an older build wrote is checked like any message
 * off the stream before it is shown, so a changed board format is dropped, not drawn.
 */
const CACHE = 'headway-last-boards';

const keyOf = (stationId: string) => `/offline/last-board/${encodeURIComponent(stationId)}`;

/** Kept as the snapshot message it amounts to, so it is validated by the stream's own parser. */
export function encodeLastBoard({ board, asOf }: LastBoard): string {
  const snapshot: SnapshotEvent = { type: 'snapshot', board, serverTime: asOf.toISOString() };
  return JSON.stringify(snapshot);
}

/** The kept board, or `null` if the text is not a valid one for this station. */
export function decodeLastBoard(stationId: string, text: string): LastBoard | null {
  const event = parseBoardMessage('snapshot', text);
  if (event?.type !== 'snapshot' || event.board.station.id !== stationId) return null;
  const asOf = new Date(event.serverTime);
  return Number.isNaN(asOf.getTime()) ? null : { board: event.board, asOf };
}

/**
 * Cache Storage exists only in secure contexts (https, or localhost), as service workers do:
 * a screen without one has no offline start at all, and keeps nothing.
 */
const hasCaches = () => typeof caches !== 'undefined';

/**
 * Never fails: full or disabled storage costs the offline start (or leaves an older board for
 * it), never the live board.
 */
export async function saveLastBoard(stationId: string, last: LastBoard): Promise<void> {
  if (!hasCaches()) return;
  try {
    const cache = await caches.open(CACHE);
    await cache.put(keyOf(stationId), new Response(encodeLastBoard(last), { headers: { 'content-type': 'application/json' } }));
  } catch (error) {
    console.warn('could not keep the board for an offline start', error);
  }
}

/** The board kept for this station, or `null` (none, unreadable, or not valid any more). */
export async function loadLastBoard(stationId: string): Promise<LastBoard | null> {
  if (!hasCaches()) return null;
  try {
    const kept = await caches.match(keyOf(stationId), { cacheName: CACHE });
    return kept ? decodeLastBoard(stationId, await kept.text()) : null;
  } catch {
    return null;
  }
}
