import { Module } from '@nestjs/common';
import { FeedsModule } from '../feeds/feeds.module';
import { BoardController } from './board.controller';
import { BoardStreamService } from './board-stream.service';
import { StreamQuota } from './stream-quota.service';

@Module({ imports: [FeedsModule], controllers: [BoardController], providers: [BoardStreamService, StreamQuota] })
export class BoardStreamModule {}
