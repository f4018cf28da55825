import { Controller, Get } from '@nestjs/common';
import type { Health } from '#shared/api';
import { APP_VERSION } from '../version';

@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  @Get()
  health(): Health {
    return { status: 'ok', version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
  }
}
