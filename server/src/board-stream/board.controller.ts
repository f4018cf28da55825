import { Controller, Get, type MessageEvent, Param, Sse } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Board } from '#shared/board';
import { StationParams } from '../common/station-params';
import { BoardStreamService } from './board-stream.service';

/** A station's board: as one snapshot, or as a live stream for a screen. */
@Controller('stations/:stationId/board')
export class BoardController {
  constructor(private readonly boards: BoardStreamService) {}

  @Get()
  board(@Param() { stationId }: StationParams): Promise<Board> {
    return this.boards.board(stationId);
  }

  @Sse('events')
  events(@Param() { stationId }: StationParams): Promise<Observable<MessageEvent>> {
    return this.boards.open(stationId);
  }
}
