import { Access } from '../auth/access.decorator';
import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import type { Alert } from '#shared/board';
import { AlertParams, StationParams } from '../common/station-params';
import { AlertsService } from './alerts.service';
import { PostAlertDto } from './dto/post-alert.dto';

@Access('alerts')
@Controller('stations/:stationId/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  create(@Param() { stationId }: StationParams, @Body() body: PostAlertDto): Promise<Alert> {
    return this.alerts.create(stationId, body);
  }

  @Delete(':alertId')
  @HttpCode(204)
  clear(@Param() { stationId, alertId }: AlertParams): Promise<void> {
    return this.alerts.clear(stationId, alertId);
  }
}
