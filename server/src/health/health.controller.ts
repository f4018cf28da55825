import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Health } from '#shared/api';
import { BoardBus } from '../board-core/board-bus.service';
import { StoreHealth } from '../board-core/store-health.service';
import { APP_VERSION } from '../version';
import { wireRef } from '../openapi/wire-schema';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly store: StoreHealth,
    private readonly bus: BoardBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness, version, and whether the database and Redis answer',
    description:
      'Always 200 while the instance runs: it keeps serving its screens when the database or Redis is away (`status: degraded`).',
  })
  @ApiOkResponse({ schema: wireRef('Health') })
  health(): Health {
    const store = this.store.available ? 'ok' : 'unavailable';
    const fanOut = this.bus.fanOut;
    return {
      status: store === 'ok' && fanOut !== 'redis-unavailable' ? 'ok' : 'degraded',
      version: APP_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      store,
      fanOut,
    };
  }
}
