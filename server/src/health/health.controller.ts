import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Health } from '#shared/api';
import { APP_VERSION } from '../version';
import { HealthDto } from './dto/health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  @Get()
  @ApiOperation({ summary: 'Liveness and version' })
  @ApiOkResponse({ type: HealthDto })
  health(): Health {
    return { status: 'ok', version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
  }
}
