import { Global, Module } from '@nestjs/common';
import { BoardBus } from './board-bus.service';
import { BoardWriter } from './board-writer.service';
import { LogRetention } from './log-retention.service';

/** The board's write path and live fan-out, used by every feature that changes a board. */
@Global()
@Module({
  providers: [BoardBus, BoardWriter, LogRetention],
  exports: [BoardBus, BoardWriter, LogRetention],
})
export class BoardModule {}
