import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntry } from '#shared/auth';
import type { Departure } from '#shared/board';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { StationParams } from '../common/station-params';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { LineDelayDto } from './dto/line-delay.dto';
import { OperationsService } from './operations.service';
import { WriteRoutes } from '../common/write-routes.decorator';
import { Write } from '../common/write-context.decorator';
import type { WriteContext } from '../board-core/write-context';
import { wireArray, wireRef } from '../openapi/wire-schema';

@ApiTags('operations')
@WriteRoutes()
@Controller('stations/:stationId')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Post('line-delays')
  @Access('departures')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delay every upcoming departure of a line at once' })
  @ApiBody({ type: LineDelayDto, examples: { s8: { summary: 'S8 ten minutes late', value: { line: 'S8', delayMinutes: 10 } } } })
  @ApiOkResponse({ schema: wireArray('Departure'), description: 'The departures it changed' })
  @ApiErrorResponse(404, '`not_found`: no such station, or no upcoming departure of the line')
  delayLine(@Write() write: WriteContext, @Param() { stationId }: StationParams, @Body() body: LineDelayDto): Promise<Departure[]> {
    return this.operations.delayLine(write, stationId, body);
  }

  /** Undoes the caller's latest change at the station; answers the audit entry it took back. */
  @Post('undo')
  @Access('signed-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take back your own latest change at the station' })
  @ApiOkResponse({ schema: wireRef('AuditEntry'), description: 'The audit entry it took back' })
  @ApiErrorResponse(403, '`forbidden`: you may no longer change that departure or alert here')
  @ApiErrorResponse(404, '`not_found`: no such station; `nothing_to_undo`: you have no change here left to undo')
  @ApiErrorResponse(409, '`changed_since`: someone changed the row after your change; undoing would overwrite theirs')
  undo(@Write() write: WriteContext, @Param() { stationId }: StationParams, @Req() req: AuthenticatedRequest): Promise<AuditEntry> {
    return this.operations.undo(write, stationId, req.principal!);
  }
}
