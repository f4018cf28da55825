import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { Board } from '#shared/board';
import { formatEventId, type HeartbeatEvent, parseEventId, type ReloadEvent, type ScreenEvent } from '#shared/board-event';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { notFound } from '../common/api-exception';
import { BoardBus, type BusMessage } from '../board-core/board-bus.service';
import { StoreHealth } from '../board-core/store-health.service';
import { Metrics } from '../observability/metrics.service';
import { type ScreenConnection, ScreenFleet, type ScreenHello } from '../screens/screen-fleet.service';
import { BoardRepository } from '../store/board.repository';
import { EventLogRepository } from '../board-core/event-log.repository';
import { FeedRegistry } from '../feeds/feed-registry.service';
import { APP_VERSION } from '../version';
import { Clock } from '../common/clock';
import { StreamQuota } from './stream-quota.service';
import { type FramedMessage, frameOf } from './sse-frames';
import { replayMessages, type SharedReplay, sharedReplay, sharedSnapshot, snapshotMessage } from './start-frames';
import {
  type SharedSnapshot,
  type SharedStart,
  SNAPSHOT_MAX_AGE_MS,
  STORED_BOARD_MAX_AGE_MS,
  StationStarts,
  type StationWatch,
} from './station-starts';

/** Changes that may queue for one screen while its start loads; past it the screen resyncs. */
const MAX_BUFFERED_WHILE_LOADING = 10_000;
/** A screen that missed more than this gets a snapshot: cheaper to send, and the same board. */
export const MAX_REPLAY = 5_000;
/** Reconnect delay hint: a base plus random jitter, so screens cut off together don't return together. */
const RETRY_BASE_MS = 1_000;
const RETRY_JITTER_MS = 4_000;

/** The same for every reload: serialized once. */
const RELOAD_JSON = JSON.stringify({ type: 'reload' } satisfies ReloadEvent);

/** Who opens a stream: the client's address (`TRUST_PROXY` decides whose) and the response's lifetime. */
export interface StreamClient {
  address: string;
  /** Aborts once the response ends, however it ends. */
  lifetime: AbortSignal;
}

/** A station's board as stored at one position, read once for every snapshot built at it. */
interface StoredBoard extends SharedStart {
  board: Board;
}

/** What a stream starts with: the messages to send first, and the position they bring the screen to. */
interface StreamStart {
  messages: MessageEvent[];
  seq: number;
}

/**
 * Builds each screen's stream: a snapshot (or, for a screen resuming from a position this
 * store still has, exactly the changes it missed), then its live changes, with heartbeats.
 */
@Injectable()
export class BoardStreamService {
  /**
   * One timer for all screens, and each beat serialized once: streams listen to it, none owns a
   * timer. Listeners are plain functions (not RxJS subscribers): each idle screen holds one for hours.
   */
  private readonly beatListeners = new Set<(data: string) => void>();
  private beatTimer?: NodeJS.Timeout;
  private readonly heartbeatMs: number;
  /** Each station's snapshot and replays, built once per position for all the screens that start at it. */
  private readonly starts = new StationStarts();
  /** Stations found in the store: a station is never deleted, so a screen's connect needs no query to know it exists. */
  private readonly knownStations = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly repository: BoardRepository,
    private readonly log: EventLogRepository,
    private readonly bus: BoardBus,
    private readonly feeds: FeedRegistry,
    private readonly storeHealth: StoreHealth,
    private readonly metrics: Metrics,
    private readonly fleet: ScreenFleet,
    private readonly quota: StreamQuota,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.heartbeatMs = config.heartbeatMs;
  }

  /** Calls `listener` with every heartbeat until the returned function is called; the timer runs while anyone listens. */
  private listenToBeats(listener: (data: string) => void): () => void {
    this.beatListeners.add(listener);
    this.beatTimer ??= setInterval(() => this.beat(), this.heartbeatMs);
    return () => {
      if (this.beatListeners.delete(listener) && this.beatListeners.size === 0) {
        clearInterval(this.beatTimer);
        this.beatTimer = undefined;
      }
    };
  }

  private beat(): void {
    const staleFeeds = this.feeds.staleFeeds();
    const beat: HeartbeatEvent = {
      type: 'heartbeat',
      serverTime: this.clock.now().toISOString(),
      version: APP_VERSION,
      intervalMs: this.heartbeatMs,
      ...(Object.keys(staleFeeds).length > 0 ? { staleFeeds } : {}),
      ...(this.storeHealth.available ? {} : { storeUnavailable: true }),
    };
    const data = JSON.stringify(beat);
    for (const listener of this.beatListeners) listener(data);
  }

  async board(stationId: string): Promise<Board> {
    const board = await this.loadBoard(stationId);
    if (!board) throw notFound('Station', stationId);
    return board;
  }

  /** The stored board, with its feed's freshness (live state, not stored). */
  private async loadBoard(stationId: string): Promise<Board | null> {
    const board = await this.repository.loadBoard(stationId);
    return board && { ...board, feed: this.feeds.freshness(board.station) };
  }

  /**
   * Resolves only for a known station, so an unknown one gets a 404 before any stream starts.
   * `lastEventId` is the id of the last event the screen applied (SSE `Last-Event-ID`).
   */
  async open(stationId: string, client: StreamClient, lastEventId?: string, screen?: ScreenHello): Promise<Observable<MessageEvent>> {
    // Before any I/O, so a client over its quota costs nothing more.
    this.quota.take(client.address, client.lifetime);
    if (!this.knownStations.has(stationId)) {
      if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
      this.knownStations.add(stationId);
    }
    const resumeFrom = this.resumablePosition(lastEventId);
    const fleet = screen ? this.fleet.connect(screen, stationId) : null;
    return this.startThenLive(
      stationId,
      async (watch) => (resumeFrom === null ? null : await this.replay(watch, stationId, resumeFrom)) ?? this.snapshot(watch, stationId),
      fleet,
    );
  }

  /** The seq to resume after, when the id is well-formed and names this store; otherwise `null`. */
  private resumablePosition(lastEventId: string | undefined): number | null {
    const position = parseEventId(lastEventId);
    return position && position.epoch === this.repository.epoch ? position.seq : null;
  }

  /**
   * Subscribes to live changes first, then loads the start, then emits the start followed by the
   * changes newer than it: none is lost between the two, and none is sent twice. Heartbeats
   * repeat the id of the last message sent, since Nest would otherwise number them itself and
   * corrupt the screen's `Last-Event-ID`. A station screen is given its beacon key right after the
   * start, so the start stays the first message of every stream.
   */
  private startThenLive(
    stationId: string,
    load: (watch: StationWatch) => Promise<StreamStart | null>,
    fleet: ScreenConnection | null,
  ): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      // Joined before subscribing to live changes: see StationStarts for why a shared snapshot is then never stale.
      const watch = this.starts.join(stationId);
      let buffered: BusMessage[] | null = [];
      let seq = 0;
      let lastId: string | undefined;
      const send = (message: MessageEvent) => {
        lastId = message.id;
        subscriber.next(message);
      };
      const stopLive = this.bus.listen(stationId, (change) => {
        watch.saw(change.seq);
        if (buffered === null) {
          if (change.seq > seq) send(framed(change.message));
        } else if (buffered.push(change) > MAX_BUFFERED_WHILE_LOADING) {
          subscriber.complete();
        }
      });
      const stopBeats = this.listenToBeats((data) => {
        if (buffered === null) subscriber.next({ type: 'heartbeat', id: lastId, data });
      });
      // A screen registers in the fleet for as long as its stream is open; a reload repeats the position, like a heartbeat.
      const detach = fleet?.attach(() => subscriber.next({ type: 'reload', id: lastId, data: RELOAD_JSON }));
      load(watch).then(
        (start) => {
          if (start === null || buffered === null) return subscriber.complete();
          seq = start.seq;
          lastId = formatEventId(this.repository.epoch, start.seq);
          for (const message of start.messages) send(message);
          for (const change of buffered) if (change.seq > seq) send(framed(change.message));
          buffered = null;
          // Framed here, so it goes out in the same write as the start (one packet per connecting screen, not two).
          if (fleet) subscriber.next(screenMessage(lastId, fleet.beaconKey));
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        watch.leave();
        stopLive();
        stopBeats();
        detach?.();
      };
    });
  }

  /** The station's shared snapshot, behind this screen's own head (its `retry` has jitter of its own). */
  private async snapshot(watch: StationWatch, stationId: string): Promise<StreamStart | null> {
    const snapshot = await watch.start('snapshot', () => this.buildSnapshot(watch, stationId), SNAPSHOT_MAX_AGE_MS);
    return snapshot && { seq: snapshot.seq, messages: [snapshotMessage(snapshot, retryHint())] };
  }

  /**
   * Builds a snapshot: once per station position, not per screen. The stored board is read once
   * per position too (for up to STORED_BOARD_MAX_AGE_MS); only the time-dependent parts (the
   * feed's freshness, `serverTime`) are redone each time the snapshot ages out.
   */
  private async buildSnapshot(watch: StationWatch, stationId: string): Promise<SharedSnapshot | null> {
    const stored = await watch.start('stored-board', () => this.readStoredBoard(stationId), STORED_BOARD_MAX_AGE_MS);
    if (!stored) return null;
    const board: Board = { ...stored.board, feed: this.feeds.freshness(stored.board.station) };
    return sharedSnapshot(board, this.clock.now().toISOString());
  }

  private async readStoredBoard(stationId: string): Promise<StoredBoard | null> {
    const board = await this.metrics.timeStore('snapshot', () => this.repository.loadBoard(stationId));
    return board && { seq: board.seq, builtAt: Date.now(), board };
  }

  /**
   * Exactly the changes after `afterSeq`, read and framed once for every screen resuming from
   * there; `null` (so: a snapshot) when the log no longer has all of them, the position is ahead
   * of the store, or too much was missed.
   */
  private async replay(watch: StationWatch, stationId: string, afterSeq: number): Promise<StreamStart | null> {
    const replay = await watch.start(`replay:${afterSeq}`, () => this.buildReplay(stationId, afterSeq));
    return replay && { seq: replay.seq, messages: replayMessages(replay, retryHint()) };
  }

  private async buildReplay(stationId: string, afterSeq: number): Promise<SharedReplay | null> {
    const log = await this.metrics.timeStore('replay', () => this.log.readLog(stationId, afterSeq, MAX_REPLAY));
    if (!log || afterSeq > log.head || log.head - afterSeq > MAX_REPLAY) return null;
    if (log.events.length !== log.head - afterSeq || (log.events.length > 0 && log.events[0].seq !== afterSeq + 1)) return null;
    return sharedReplay(this.repository.epoch, log.head, log.events);
  }
}

/** A station screen's own key for its beacons, framed for its stream alone. */
function screenMessage(id: string, beaconKey: string): FramedMessage {
  const data = JSON.stringify({ type: 'screen', beaconKey } satisfies ScreenEvent);
  return { type: 'screen', id, data, frame: frameOf('screen', id, data) };
}

function retryHint(): number {
  return RETRY_BASE_MS + Math.floor(Math.random() * RETRY_JITTER_MS);
}

/**
 * A change as its wire bytes: framed by the first of its station's screens to get it, on the
 * message the bus hands every one of them, so the rest write the same bytes (Nest writes a frame
 * as it is: see FramedMessage in sse-frames.ts).
 */
function framed(message: BusMessage['message']): FramedMessage {
  const event = message as BusMessage['message'] & { frame?: Buffer };
  event.frame ??= frameOf(String(event.type), String(event.id), event.data);
  return event as FramedMessage;
}
