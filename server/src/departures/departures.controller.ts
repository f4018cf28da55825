import { Access } from '../auth/access.decorator';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Put, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Departure } from '#shared/board';
import { parseIfMatch } from '../common/if-match';
import { DepartureParams } from '../common/station-params';
import { ApiErrorResponse, ApiIfMatch, ETAG_HEADER } from '../openapi/api-docs.decorators';
import { DeparturesService } from './departures.service';
import { PATCH_DEPARTURE_EXAMPLES, PUT_DEPARTURE_EXAMPLES } from './dto/departure.examples';
import { PatchDepartureDto } from './dto/patch-departure.dto';
import { PutDepartureDto } from './dto/put-departure.dto';
import { WriteRoutes } from '../common/write-routes.decorator';
import { Write } from '../common/write-context.decorator';
import type { WriteContext } from '../board-core/write-context';
import { wireRef } from '../openapi/wire-schema';

/** Each answer carries the row's version as its `ETag`, for optimistic concurrency. */
@ApiTags('departures')
@Access('departures')
@WriteRoutes()
@Controller('stations/:stationId/departures')
export class DeparturesController {
  constructor(private readonly departures: DeparturesService) {}

  @Get(':departureId')
  @ApiOperation({ summary: 'One departure, with its version as ETag' })
  @ApiOkResponse({ schema: wireRef('Departure'), headers: ETAG_HEADER })
  @ApiErrorResponse(404, '`not_found`: no such station or departure')
  async get(@Param() p: DepartureParams, @Res({ passthrough: true }) res: Response): Promise<Departure> {
    return withEtag(res, await this.departures.get(p.stationId, p.departureId));
  }

  @Put(':departureId')
  @ApiOperation({
    summary: 'Create or replace a departure',
    description:
      'What feeds use: the whole departure as the feed knows it; fields left out take their defaults. ' +
      "While an operator's change holds, the timetable fields still change but the operator's real-time fields stay, " +
      "and the feed's values are kept as `override.feed`.",
  })
  @ApiBody({ type: PutDepartureDto, examples: PUT_DEPARTURE_EXAMPLES })
  @ApiOkResponse({ schema: wireRef('Departure'), headers: ETAG_HEADER, description: 'The departure existed and was replaced' })
  @ApiCreatedResponse({ schema: wireRef('Departure'), headers: ETAG_HEADER, description: 'The departure was created' })
  @ApiIfMatch()
  @ApiErrorResponse(404, '`not_found`: no such station (or, with `If-Match`, no such departure)')
  async put(
    @Write() write: WriteContext,
    @Param() p: DepartureParams,
    @Body() body: PutDepartureDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Departure> {
    const { departure, created } = await this.departures.put(write, p.stationId, p.departureId, body, parseIfMatch(ifMatch));
    res.status(created ? 201 : 200);
    return withEtag(res, departure);
  }

  @Patch(':departureId')
  @ApiOperation({
    summary: "An operator's change: delay, platform, cancellation, remarks",
    description:
      'Only the fields present change. `delayMinutes` and `expectedTime` both set the estimate, so at most one may be given; ' +
      "`delayMinutes: 0` or `expectedTime: null` clears it. A signed-in operator's change holds against the feed until " +
      '`overrideUntil`, until `releaseOverride`, or until the departure leaves.',
  })
  @ApiBody({ type: PatchDepartureDto, examples: PATCH_DEPARTURE_EXAMPLES })
  @ApiOkResponse({ schema: wireRef('Departure'), headers: ETAG_HEADER })
  @ApiIfMatch()
  @ApiErrorResponse(404, '`not_found`: no such station or departure')
  async patch(
    @Write() write: WriteContext,
    @Param() p: DepartureParams,
    @Body() body: PatchDepartureDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Departure> {
    return withEtag(res, await this.departures.patch(write, p.stationId, p.departureId, body, parseIfMatch(ifMatch)));
  }

  @Delete(':departureId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a departure from the board' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiIfMatch()
  @ApiErrorResponse(404, '`not_found`: no such station or departure')
  remove(@Write() write: WriteContext, @Param() p: DepartureParams, @Headers('if-match') ifMatch?: string): Promise<void> {
    return this.departures.remove(write, p.stationId, p.departureId, parseIfMatch(ifMatch));
  }
}

function withEtag(res: Response, departure: Departure): Departure {
  res.setHeader('ETag', `"${departure.version}"`);
  return departure;
}
