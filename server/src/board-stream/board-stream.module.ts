import { Module } from '@nestjs/common';
import { FeedsModule } from '../feeds/feeds.module';
import { BoardController } from './board.controller';
import { BoardStreamService } from './board-stream.service';

@Module({ imports: [FeedsModule], controllers: [BoardController], providers: [BoardStreamService] })
export class BoardStreamModule {}
