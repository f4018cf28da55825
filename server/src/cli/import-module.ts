import { type DynamicModule, Module } from '@nestjs/common';
import { BoardCoreModule } from '../board-core/board-core.module';
import { CLOCK_PROVIDER, Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FeedRegistry } from '../feeds/feed-registry.service';
import { ScheduleImportService } from '../feeds/schedule-import.service';
import { StoreModule } from '../store/store.module';

/** Just what a schedule import needs: the store, the write path and the importer; no HTTP, no pollers. */
@Module({})
export class ImportModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ImportModule,
      global: true,
      imports: [StoreModule, BoardCoreModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, CLOCK_PROVIDER, FeedRegistry, ScheduleImportService],
      exports: [APP_CONFIG, Clock],
    };
  }
}
