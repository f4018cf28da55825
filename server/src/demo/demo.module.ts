import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { DeparturesModule } from '../departures/departures.module';
import { DemoSeeder } from './demo-seeder.service';
import { Simulator } from './simulator.service';
import { StoreModule } from '../store/store.module';
import { BoardCoreModule } from '../board-core/board-core.module';

@Module({ imports: [BoardCoreModule, StoreModule, DeparturesModule, AlertsModule], providers: [DemoSeeder, Simulator] })
export class DemoModule {}
