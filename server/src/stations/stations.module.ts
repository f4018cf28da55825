import { Module } from '@nestjs/common';
import { StationsController } from './stations.controller';
import { StationsService } from './stations.service';
import { WriteEdgeModule } from '../common/write-edge.module';

@Module({ imports: [WriteEdgeModule], controllers: [StationsController], providers: [StationsService] })
export class StationsModule {}
