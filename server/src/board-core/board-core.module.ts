import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BoardRepository } from '../store/board.repository';
import { BoardBus } from './board-bus.service';
import { BUS_RELAY } from './bus-relay';
import { RedisRelay } from './redis-relay';
import { Leases } from './leases.service';
import { StoreHealth } from './store-health.service';
import { BoardWriter } from './board-writer.service';
import { LogRetention } from './log-retention.service';
import { LoadMonitor } from './load-monitor';
import { StoreModule } from '../store/store.module';

/**
 * The board core: the write path and the live fan-out every change goes through, whatever route
 * or job makes it. It has no HTTP in it (test/unit/layers.spec.ts); routes and the screens' stream
 * are the edge around it. The fan-out crosses instances through Redis when `REDIS_URL` is set.
 */
@Module({
  imports: [StoreModule],
  providers: [
    {
      provide: BUS_RELAY,
      inject: [APP_CONFIG, BoardRepository],
      useFactory: (config: AppConfig, repository: BoardRepository) =>
        config.redisUrl ? new RedisRelay(config.redisUrl, repository.epoch) : null,
    },
    BoardBus,
    LoadMonitor,
    BoardWriter,
    LogRetention,
    StoreHealth,
    Leases,
  ],
  exports: [BoardBus, BoardWriter, LogRetention, StoreHealth, Leases],
})
export class BoardCoreModule {}
