import type { BoardEvent } from '#shared/board-event';
import { BOARD_EVENT_TYPES } from '#shared/board-event';
import { parseBoardMessage } from './board-message';

export interface BoardConnectionHandlers {
  /**
   * The SSE id of the last change the screen applied, if any. A reconnect we make ourselves
   * (the browser's own reconnects send `Last-Event-ID` by themselves) passes it on, so the
   * server replays only what was missed instead of a whole snapshot.
   */
  position(): string | null;
  /** A validated message; a `snapshot` is always the first after every (re)connect. */
  onEvent(event: BoardEvent): void;
  /** The stream dropped or went silent; `refused` when the server answered with an error status. */
  onDown(refused: boolean): void;
}

/**
 * If the server refuses the stream (an error status) the browser gives up for good
 * (`readyState` CLOSED); a screen on a wall has nobody to press reload, so we retry ourselves,
 * backing off from 1 s to 30 s with jitter so a station's screens don't return in lockstep.
 */
const REOPEN_MIN_MS = 1_000;
const REOPEN_MAX_MS = 30_000;

function backoff(attempt: number): number {
  const ceiling = Math.min(REOPEN_MAX_MS, REOPEN_MIN_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Slack on top of two missed heartbeats before a silent stream counts as dead. */
const SILENCE_SLACK_MS = 5_000;

/**
 * Keeps one EventSource open to a station's board stream until the returned function is called.
 * The browser reconnects after a network error by itself; this adds what it does not do: retry
 * after a refusal, and reconnect when the heartbeats stop (a half-open connection behind a proxy
 * never errors, it just goes quiet while the board silently ages).
 */
export function openBoardConnection(
  stationId: string,
  handlers: BoardConnectionHandlers,
  identity: Record<string, string> = {},
): () => void {
  const url = `/api/stations/${encodeURIComponent(stationId)}/board/events`;
  let source: EventSource;
  let refusals = 0;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  // Unknown until the first heartbeat says it; until then silence is not judged.
  let heartbeatMs: number | null = null;

  const connect = () => {
    const position = handlers.position();
    // A station screen names itself (and its release) on every connect, for the fleet view.
    const query = new URLSearchParams({ ...identity, ...(position ? { lastEventId: position } : {}) }).toString();
    source = new EventSource(query ? `${url}?${query}` : url);
    for (const type of BOARD_EVENT_TYPES) source.addEventListener(type, onMessage);
    source.addEventListener('error', onError);
  };
  const onMessage = (message: MessageEvent<string>) => {
    const event = parseBoardMessage(message.type, message.data);
    if (event === null) return;
    if (event.type === 'heartbeat') heartbeatMs = event.intervalMs;
    refusals = 0;
    clearTimeout(silenceTimer);
    if (heartbeatMs !== null) silenceTimer = setTimeout(onSilence, 2 * heartbeatMs + SILENCE_SLACK_MS);
    handlers.onEvent(event);
  };
  const onError = () => {
    clearTimeout(silenceTimer);
    const refused = source.readyState === EventSource.CLOSED;
    if (refused) reopenTimer = setTimeout(connect, backoff(refusals++));
    handlers.onDown(refused);
  };
  const onSilence = () => {
    source.close();
    handlers.onDown(false);
    connect();
  };

  connect();
  return () => {
    clearTimeout(reopenTimer);
    clearTimeout(silenceTimer);
    source.close();
  };
}
