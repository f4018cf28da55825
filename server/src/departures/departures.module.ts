import { Module } from '@nestjs/common';
import { DeparturesController } from './departures.controller';
import { DeparturesService } from './departures.service';
import { RollOff } from './roll-off.service';

@Module({ controllers: [DeparturesController], providers: [DeparturesService, RollOff], exports: [DeparturesService, RollOff] })
export class DeparturesModule {}
