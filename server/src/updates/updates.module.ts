import { Module } from '@nestjs/common';
import { BatchService } from './batch.service';
import { UpdatesController } from './updates.controller';

@Module({ controllers: [UpdatesController], providers: [BatchService] })
export class UpdatesModule {}
