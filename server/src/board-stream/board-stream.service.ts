import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { interval, map, merge, Observable, share } from 'rxjs';
import type { Board } from '#shared/board';
import { formatEventId, type SnapshotEvent } from '#shared/board-event';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { notFound } from '../common/api-exception';
import { BoardBus, type BusMessage } from '../board/board-bus.service';
import { BoardRepository } from '../store/board.repository';

/** Changes that may queue for one screen while its snapshot loads; past it the screen resyncs. */
const MAX_BUFFERED_WHILE_LOADING = 10_000;
/** Reconnect delay hint: a base plus random jitter, so screens cut off together don't return together. */
const RETRY_BASE_MS = 1_000;
const RETRY_JITTER_MS = 4_000;

/** Builds each screen's stream: the board's snapshot, then its live changes, with heartbeats. */
@Injectable()
export class BoardStreamService {
  /** One timer for all screens: each stream merges this shared heartbeat instead of owning one. */
  private readonly heartbeat$: Observable<MessageEvent>;

  constructor(
    private readonly repository: BoardRepository,
    private readonly bus: BoardBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const beat: MessageEvent = { data: undefined as never, comment: 'heartbeat' };
    this.heartbeat$ = interval(config.heartbeatMs).pipe(
      map(() => beat),
      share(),
    );
  }

  async board(stationId: string): Promise<Board> {
    const board = await this.repository.loadBoard(stationId);
    if (!board) throw notFound('Station', stationId);
    return board;
  }

  /** Resolves only for a known station, so an unknown one gets a 404 before any stream starts. */
  async open(stationId: string): Promise<Observable<MessageEvent>> {
    if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
    return merge(this.snapshotThenLive(stationId), this.heartbeat$);
  }

  /**
   * Subscribes to live changes first, then loads the snapshot, then emits the snapshot followed
   * by the changes newer than it: none is lost between the two, and none is sent twice.
   */
  private snapshotThenLive(stationId: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let buffered: BusMessage[] | null = [];
      let snapshotSeq = 0;
      const live = this.bus.changes(stationId).subscribe((change) => {
        if (buffered === null) {
          if (change.seq > snapshotSeq) subscriber.next(change.message);
        } else if (buffered.push(change) > MAX_BUFFERED_WHILE_LOADING) {
          subscriber.complete();
        }
      });
      this.repository.loadBoard(stationId).then(
        (board) => {
          if (board === null || buffered === null) return subscriber.complete();
          snapshotSeq = board.seq;
          subscriber.next(snapshotMessage(board));
          for (const change of buffered) if (change.seq > snapshotSeq) subscriber.next(change.message);
          buffered = null;
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => live.unsubscribe();
    });
  }
}

function snapshotMessage(board: Board): MessageEvent {
  const event: SnapshotEvent = { type: 'snapshot', board };
  return {
    type: event.type,
    id: formatEventId(board.epoch, board.seq),
    retry: RETRY_BASE_MS + Math.floor(Math.random() * RETRY_JITTER_MS),
    data: JSON.stringify(event),
  };
}
