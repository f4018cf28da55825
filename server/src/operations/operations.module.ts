import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { BoardModule } from '../board/board.module';

@Module({ imports: [BoardModule, StoreModule, WriteEdgeModule], controllers: [OperationsController], providers: [OperationsService] })
export class OperationsModule {}
