import { Access } from '../auth/access.decorator';
import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Alert } from '#shared/board';
import { AlertParams, StationParams } from '../common/station-params';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { AlertsService } from './alerts.service';
import { POST_ALERT_EXAMPLES } from './dto/alert.examples';
import { PostAlertDto } from './dto/post-alert.dto';
import { WriteRoutes } from '../common/write-routes.decorator';
import { Write } from '../common/write-context.decorator';
import type { WriteContext } from '../board-core/write-context';
import { wireRef } from '../openapi/wire-schema';

@ApiTags('alerts')
@Access('alerts')
@WriteRoutes()
@Controller('stations/:stationId/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  @ApiOperation({ summary: 'Post a station alert' })
  @ApiBody({ type: PostAlertDto, examples: POST_ALERT_EXAMPLES })
  @ApiCreatedResponse({ schema: wireRef('Alert') })
  @ApiErrorResponse(404, '`not_found`: no such station')
  create(@Write() write: WriteContext, @Param() { stationId }: StationParams, @Body() body: PostAlertDto): Promise<Alert> {
    return this.alerts.create(write, stationId, body);
  }

  @Delete(':alertId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clear an alert' })
  @ApiNoContentResponse({ description: 'Cleared' })
  @ApiErrorResponse(404, '`not_found`: no such station or alert')
  clear(@Write() write: WriteContext, @Param() { stationId, alertId }: AlertParams): Promise<void> {
    return this.alerts.clear(write, stationId, alertId);
  }
}
