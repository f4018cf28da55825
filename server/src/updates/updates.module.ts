import { Module } from '@nestjs/common';
import { BatchService } from './batch.service';
import { UpdatesController } from './updates.controller';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { BoardModule } from '../board/board.module';

@Module({ imports: [BoardModule, StoreModule, WriteEdgeModule], controllers: [UpdatesController], providers: [BatchService] })
export class UpdatesModule {}
