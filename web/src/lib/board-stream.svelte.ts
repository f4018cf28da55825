import type { Board } from '#shared/board';
import { type BoardEvent, formatEventId, type HeartbeatEvent } from '#shared/board-event';
import { applyEvent } from '#shared/apply-event';
import { createSubscriber } from 'svelte/reactivity';
import { ApiRequestError, getStation } from './api';
import { openBoardConnection } from './board-connection';
import { now } from './now.svelte';
import { withFeedState } from './feed-state';
import { BEACON_EVERY_MS, screenId, sendBeacon, WEB_VERSION } from './screen-identity';
import { notePlatformChanges, type PlatformChanges } from './platform-changes';
import { type LastBoard, loadLastBoard, saveLastBoard } from '../offline/last-board';
import { LastBoardKeeper } from '../offline/last-board-keeper';

/** `live` once a message has arrived on the current connection; `down` after an error until the next one. */
export type ConnectionState = 'connecting' | 'live' | 'down';

export interface BoardStreamOptions {
  /**
   * Reload the page when the server's heartbeat reports a new release, so a wall screen picks up
   * the new front-end by itself. Off for the admin console, where a reload would lose a form.
   */
  reloadOnUpgrade?: boolean;
  /**
   * This page is a station screen: it names itself on its stream, reports to the fleet every
   * minute, reloads when an operator asks, and keeps its board for a start without a network.
   * Off for the console's previews.
   */
  fleet?: boolean;
  /**
   * When what arrived is put on screen: by default at the next animation frame. Tests pass one
   * that runs at once.
   */
  nextFrame?: (show: () => void) => void;
}

/**
 * Events are applied as they come, but shown once per frame: in a disruption a station can see
 * dozens of changes a second, and each change shown on its own would make the page re-render
 * more often than the screen can paint, so frames (and the newest change) would wait behind
 * renders nobody sees. A hidden page paints nothing, so it shows what came when it is shown again.
 */
function animationFrame(show: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(show);
  else setTimeout(show, 0);
}

/**
 * One station's live board. The connection opens when something reads `board` (or another
 * field) and closes when nothing does any more, so a screen that navigates away leaves no
 * connection behind.
 */
export class BoardStream {
  readonly stationId: string;
  /** Every event applied, in order: the stream's resume position, and what the next frame shows. */
  #latest: Board | null = null;
  #heardAt: Date | null = null;
  #showing = false;
  /** What is on screen (see `animationFrame`). */
  #board = $state.raw<Board | null>(null);
  #connected = $state<ConnectionState>('connecting');
  #lastMessageAt = $state.raw<Date | null>(null);
  #unknownStation = $state(false);
  #serverStale = $state(false);
  // Replaced whole on each change (raw state), never mutated in place: a plain Map is right.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #platformChanges = $state.raw<PlatformChanges>(new Map());
  /** The board an earlier run kept (see `offlineAsOf`); never the live one, never a resume position. */
  #kept = $state.raw<LastBoard | null>(null);
  #keeper: LastBoardKeeper | null = null;
  #serverVersion: string | null = null;
  /** The beacon key of the current stream (not reactive: only the beacon timer reads it). */
  #beaconKey: string | null = null;
  #options: BoardStreamOptions;
  #subscribe: () => void;

  constructor(stationId: string, options: BoardStreamOptions = {}) {
    this.stationId = stationId;
    this.#options = options;
    this.#subscribe = createSubscriber(() => {
      const id = options.fleet ? screenId() : null;
      // The key comes on the stream (a `screen` message) and is new on every connect; none yet, no beacon.
      const beacon = id
        ? setInterval(() => this.#beaconKey && sendBeacon(id, this.#beaconKey, this.#heardAt, now.exact().getTime()), BEACON_EVERY_MS)
        : undefined;
      this.#keeper = options.fleet ? new LastBoardKeeper((last) => saveLastBoard(stationId, last)) : null;
      if (options.fleet) loadLastBoard(stationId).then((kept) => (this.#kept = kept));
      const close = openBoardConnection(
        stationId,
        {
          position: () => (this.#latest ? formatEventId(this.#latest.epoch, this.#latest.seq) : null),
          onEvent: (event) => this.#receive(event),
          onDown: (refused) => {
            this.#connected = 'down';
            // The key died with its stream; the next stream brings a new one.
            this.#beaconKey = null;
            if (refused) this.#checkStation();
          },
        },
        id ? { screen: id, v: WEB_VERSION } : {},
      );
      return () => {
        clearInterval(beacon);
        this.#beaconKey = null;
        this.#keeper?.close();
        this.#keeper = null;
        close();
        this.#connected = 'connecting';
      };
    });
  }

  /** The live board; while there is none and the stream is down, the one kept from an earlier run. */
  get board(): Board | null {
    this.#subscribe();
    return this.#board ?? this.#keptShown()?.board ?? null;
  }

  /**
   * When the board shown was last confirmed, if it is a kept one (the screen started without a
   * network); `null` for a board from this run's stream.
   */
  get offlineAsOf(): Date | null {
    this.#subscribe();
    return this.#keptShown()?.asOf ?? null;
  }

  /** Only once the stream is known to be down, so a kept board never stands beside "Connecting" or "Live". */
  #keptShown(): LastBoard | null {
    return this.#board === null && this.#connected === 'down' && !this.#unknownStation ? this.#kept : null;
  }

  get connected(): ConnectionState {
    this.#subscribe();
    return this.#connected;
  }

  /** When anything (a change or a heartbeat) was last heard from the server. */
  get lastMessageAt(): Date | null {
    this.#subscribe();
    return this.#lastMessageAt;
  }

  /** Rows whose platform this screen saw change, and when (see `platformIsNews`). */
  get platformChanges(): PlatformChanges {
    this.#subscribe();
    return this.#platformChanges;
  }

  /** The server cannot reach its database: what the board shows may be out of date. */
  get serverStale(): boolean {
    this.#subscribe();
    return this.#serverStale;
  }

  /** The server says there is no such station: a typo in the screen's URL, worth saying so. */
  get unknownStation(): boolean {
    this.#subscribe();
    return this.#unknownStation;
  }

  #receive(event: BoardEvent): void {
    // A snapshot (the first message after every reconnect) replaces the board wholesale.
    const board = applyEvent(this.#latest, event);
    const changes = notePlatformChanges(this.#platformChanges, this.#latest, board, now.exact().getTime());
    if (changes !== this.#platformChanges) this.#platformChanges = changes;
    this.#latest = board;
    this.#connected = 'live';
    this.#unknownStation = false;
    if (event.type === 'heartbeat') this.#heartbeat(event);
    if (event.type === 'reload' && this.#options.fleet) location.reload();
    if (event.type === 'screen') this.#beaconKey = event.beaconKey;
    if (event.type === 'snapshot' && typeof event.serverTime === 'string') now.syncTo(event.serverTime);
    this.#heardAt = now.exact();
    if (this.#latest) this.#keeper?.keep(this.#latest, this.#heardAt);
    this.#show();
  }

  /** Puts what has arrived on screen at the next frame, once however many events came before it. */
  #show(): void {
    if (this.#showing) return;
    this.#showing = true;
    (this.#options.nextFrame ?? animationFrame)(() => {
      this.#showing = false;
      this.#board = this.#latest;
      this.#lastMessageAt = this.#heardAt;
    });
  }

  #heartbeat(beat: HeartbeatEvent): void {
    // The screen's own clock may be anything; the departure times are the server's.
    now.syncTo(beat.serverTime);
    this.#latest = withFeedState(this.#latest, beat);
    this.#serverStale = beat.storeUnavailable === true;
    if (this.#serverVersion !== null && this.#serverVersion !== beat.version && this.#options.reloadOnUpgrade) {
      location.reload();
    }
    this.#serverVersion = beat.version;
  }

  /** EventSource hides the HTTP status of a refusal; the REST API says whether the station exists. */
  #checkStation(): void {
    getStation(this.stationId).then(
      () => (this.#unknownStation = false),
      (error) => (this.#unknownStation = error instanceof ApiRequestError && error.statusCode === 404),
    );
  }
}
