import { Controller, Get, Headers, type MessageEvent, Param, Query, Sse } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Board } from '#shared/board';
import { StationParams } from '../common/station-params';
import { BoardStreamService } from './board-stream.service';
import { StreamQuery } from './stream-query';

/** Characters that may queue for a screen that stops reading before it is cut off (it then resyncs). */
export const MAX_PENDING_PER_SCREEN = 1024 * 1024;

/** A station's board: as one snapshot, or as a live stream for a screen. */
@Controller('stations/:stationId/board')
export class BoardController {
  constructor(private readonly boards: BoardStreamService) {}

  @Get()
  board(@Param() { stationId }: StationParams): Promise<Board> {
    return this.boards.board(stationId);
  }

  /** Resumes from `Last-Event-ID`, or from `?lastEventId=` for clients that cannot set headers. */
  @Sse('events', { maxPendingDataLength: MAX_PENDING_PER_SCREEN })
  events(
    @Param() { stationId }: StationParams,
    @Query() query: StreamQuery,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    return this.boards.open(stationId, lastEventId ?? query.lastEventId);
  }
}
