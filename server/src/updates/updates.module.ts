import { Module } from '@nestjs/common';
import { BatchService } from './batch.service';
import { UpdatesController } from './updates.controller';
import { WriteEdgeModule } from '../common/write-edge.module';

@Module({ imports: [WriteEdgeModule], controllers: [UpdatesController], providers: [BatchService] })
export class UpdatesModule {}
