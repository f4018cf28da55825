import { Module } from '@nestjs/common';
import { DeparturesController } from './departures.controller';
import { DeparturesService } from './departures.service';
import { RollOff } from './roll-off.service';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { BoardCoreModule } from '../board-core/board-core.module';

@Module({
  imports: [BoardCoreModule, StoreModule, WriteEdgeModule],
  controllers: [DeparturesController],
  providers: [DeparturesService, RollOff],
  exports: [DeparturesService, RollOff],
})
export class DeparturesModule {}
