import { Global, Module } from '@nestjs/common';
import { BoardBus } from './board-bus.service';
import { BoardWriter } from './board-writer.service';

/** The board's write path and live fan-out, used by every feature that changes a board. */
@Global()
@Module({
  providers: [BoardBus, BoardWriter],
  exports: [BoardBus, BoardWriter],
})
export class BoardModule {}
