import { Module } from '@nestjs/common';
import { BatchService } from './batch.service';
import { UpdatesController } from './updates.controller';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { BoardCoreModule } from '../board-core/board-core.module';

@Module({ imports: [BoardCoreModule, StoreModule, WriteEdgeModule], controllers: [UpdatesController], providers: [BatchService] })
export class UpdatesModule {}
