import { Module } from '@nestjs/common';
import { ScreenFleet } from './screen-fleet.service';
import { ScreensController } from './screens.controller';
import { ScreensService } from './screens.service';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';

/** The screen fleet; global, since the board stream registers every screen that connects. */
@Module({
  imports: [StoreModule, WriteEdgeModule],
  controllers: [ScreensController],
  providers: [ScreenFleet, ScreensService],
  exports: [ScreenFleet],
})
export class ScreensModule {}
