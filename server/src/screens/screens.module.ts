import { Global, Module } from '@nestjs/common';
import { ScreenFleet } from './screen-fleet.service';
import { ScreensController } from './screens.controller';
import { ScreensService } from './screens.service';
import { WriteEdgeModule } from '../common/write-edge.module';

/** The screen fleet; global, since the board stream registers every screen that connects. */
@Global()
@Module({ imports: [WriteEdgeModule], controllers: [ScreensController], providers: [ScreenFleet, ScreensService], exports: [ScreenFleet] })
export class ScreensModule {}
