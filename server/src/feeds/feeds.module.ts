import { Module } from '@nestjs/common';
import { FeedPoller } from './feed-poller.service';
import { FeedRegistry } from './feed-registry.service';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';
import { RealtimeService } from './realtime.service';
import { SiriRealtimeService } from './siri-realtime.service';
import { ScheduleImportService } from './schedule-import.service';
import { ScheduleRefreshService } from './schedule-refresh.service';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { BoardCoreModule } from '../board-core/board-core.module';
import { AccountsModule } from '../accounts/accounts.module';

/** GTFS schedules and GTFS-Realtime feeds, pushed and pulled, and their health. */
@Module({
  imports: [AccountsModule, BoardCoreModule, StoreModule, WriteEdgeModule],
  controllers: [FeedsController],
  providers: [FeedsService, FeedRegistry, ScheduleImportService, ScheduleRefreshService, RealtimeService, SiriRealtimeService, FeedPoller],
  exports: [FeedRegistry, ScheduleImportService],
})
export class FeedsModule {}
