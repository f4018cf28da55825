import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { BoardCoreModule } from '../board-core/board-core.module';

@Module({ imports: [BoardCoreModule, StoreModule, WriteEdgeModule], controllers: [OperationsController], providers: [OperationsService] })
export class OperationsModule {}
