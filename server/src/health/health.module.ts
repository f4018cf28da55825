import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { BoardModule } from '../board/board.module';

/** `GET /api/health`: liveness, and whether the store and the fan-out answer. */
@Module({ imports: [BoardModule], controllers: [HealthController] })
export class HealthModule {}
