import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { DeparturesModule } from '../departures/departures.module';
import { DemoSeeder } from './demo-seeder.service';
import { Simulator } from './simulator.service';
import { StoreModule } from '../store/store.module';
import { BoardModule } from '../board/board.module';

@Module({ imports: [BoardModule, StoreModule, DeparturesModule, AlertsModule], providers: [DemoSeeder, Simulator] })
export class DemoModule {}
