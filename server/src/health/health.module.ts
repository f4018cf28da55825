import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** `GET /api/health`: liveness, and whether the store and the fan-out answer. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
