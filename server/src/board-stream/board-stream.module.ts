import { Module } from '@nestjs/common';
import { BoardController } from './board.controller';
import { BoardStreamService } from './board-stream.service';

@Module({ controllers: [BoardController], providers: [BoardStreamService] })
export class BoardStreamModule {}
