import { Module } from '@nestjs/common';
import { StationsController } from './stations.controller';
import { StationsService } from './stations.service';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';

@Module({ imports: [StoreModule, WriteEdgeModule], controllers: [StationsController], providers: [StationsService] })
export class StationsModule {}
