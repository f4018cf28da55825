import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { AuditEntry } from '#shared/auth';
import type { Departure } from '#shared/board';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { StationParams } from '../common/station-params';
import { LineDelayDto } from './dto/line-delay.dto';
import { OperationsService } from './operations.service';

@Controller('stations/:stationId')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Post('line-delays')
  @Access('departures')
  @HttpCode(200)
  delayLine(@Param() { stationId }: StationParams, @Body() body: LineDelayDto): Promise<Departure[]> {
    return this.operations.delayLine(stationId, body);
  }

  /** Undoes the caller's latest change at the station; answers the audit entry it took back. */
  @Post('undo')
  @Access('signed-in')
  @HttpCode(200)
  undo(@Param() { stationId }: StationParams, @Req() req: AuthenticatedRequest): Promise<AuditEntry> {
    return this.operations.undo(stationId, req.principal!);
  }
}
