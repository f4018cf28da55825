import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { BoardCoreModule } from '../board-core/board-core.module';

/** `GET /api/health`: liveness, and whether the store and the fan-out answer. */
@Module({ imports: [BoardCoreModule], controllers: [HealthController] })
export class HealthModule {}
