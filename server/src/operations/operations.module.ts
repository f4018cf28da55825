import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';
import { WriteEdgeModule } from '../common/write-edge.module';

@Module({ imports: [WriteEdgeModule], controllers: [OperationsController], providers: [OperationsService] })
export class OperationsModule {}
