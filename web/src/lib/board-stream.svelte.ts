import type { Board } from '#shared/board';
import { BOARD_EVENT_TYPES } from '#shared/board-event';
import { applyEvent } from '#shared/apply-event';
import { createSubscriber } from 'svelte/reactivity';
import { parseBoardMessage } from './board-message';

/** `live` once a message has arrived on the current connection; `down` after an error until the next one. */
export type ConnectionState = 'connecting' | 'live' | 'down';

/**
 * If the server answers the stream with an error status the browser gives up for good
 * (`readyState` CLOSED); a screen on a wall has nobody to press reload, so we retry ourselves.
 */
const REOPEN_AFTER_MS = 5_000;

/**
 * One station's live board. The EventSource opens when something reads `board` (or the
 * connection state) and closes when nothing does any more, so a screen that navigates away
 * leaves no connection behind.
 */
export class BoardStream {
  readonly stationId: string;
  #board = $state.raw<Board | null>(null);
  #connected = $state<ConnectionState>('connecting');
  #lastMessageAt = $state.raw<Date | null>(null);
  #subscribe: () => void;

  constructor(stationId: string) {
    this.stationId = stationId;
    this.#subscribe = createSubscriber(() => this.#open());
  }

  get board(): Board | null {
    this.#subscribe();
    return this.#board;
  }

  get connected(): ConnectionState {
    this.#subscribe();
    return this.#connected;
  }

  get lastMessageAt(): Date | null {
    this.#subscribe();
    return this.#lastMessageAt;
  }

  #open(): () => void {
    const url = `/api/stations/${encodeURIComponent(this.stationId)}/board/events`;
    let source: EventSource;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;

    const onMessage = (message: MessageEvent<string>) => {
      const event = parseBoardMessage(message.type, message.data);
      if (event === null) return;
      // A snapshot (the first message after every reconnect) replaces the board wholesale.
      this.#board = applyEvent(this.#board, event);
      this.#connected = 'live';
      this.#lastMessageAt = new Date();
    };
    const onError = () => {
      this.#connected = 'down';
      if (source.readyState === EventSource.CLOSED) {
        reopenTimer = setTimeout(connect, REOPEN_AFTER_MS);
      }
    };
    const connect = () => {
      source = new EventSource(url);
      for (const type of BOARD_EVENT_TYPES) source.addEventListener(type, onMessage);
      source.addEventListener('error', onError);
    };

    connect();
    return () => {
      clearTimeout(reopenTimer);
      source.close();
      this.#connected = 'connecting';
    };
  }
}
