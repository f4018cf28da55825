import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { DeparturesModule } from '../departures/departures.module';
import { DemoSeeder } from './demo-seeder.service';
import { Simulator } from './simulator.service';

@Module({ imports: [DeparturesModule, AlertsModule], providers: [DemoSeeder, Simulator] })
export class DemoModule {}
