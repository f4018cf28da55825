import { Module } from '@nestjs/common';
import { FeedsModule } from '../feeds/feeds.module';
import { BoardController } from './board.controller';
import { BoardStreamService } from './board-stream.service';
import { StreamQuota } from './stream-quota.service';
import { StoreModule } from '../store/store.module';
import { BoardCoreModule } from '../board-core/board-core.module';
import { ScreensModule } from '../screens/screens.module';

@Module({
  imports: [ScreensModule, BoardCoreModule, StoreModule, FeedsModule],
  controllers: [BoardController],
  providers: [BoardStreamService, StreamQuota],
})
export class BoardStreamModule {}
