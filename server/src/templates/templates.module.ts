import { Module } from '@nestjs/common';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({ imports: [StoreModule, WriteEdgeModule], controllers: [TemplatesController], providers: [TemplatesService] })
export class TemplatesModule {}
