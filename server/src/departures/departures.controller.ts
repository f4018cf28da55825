import { Access } from '../auth/access.decorator';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Departure } from '#shared/board';
import { parseIfMatch } from '../common/if-match';
import { DepartureParams } from '../common/station-params';
import { DeparturesService } from './departures.service';
import { PatchDepartureDto } from './dto/patch-departure.dto';
import { PutDepartureDto } from './dto/put-departure.dto';

/** Each answer carries the row's version as its `ETag`, for optimistic concurrency. */
@Access('departures')
@Controller('stations/:stationId/departures')
export class DeparturesController {
  constructor(private readonly departures: DeparturesService) {}

  @Get(':departureId')
  async get(@Param() p: DepartureParams, @Res({ passthrough: true }) res: Response): Promise<Departure> {
    return withEtag(res, await this.departures.get(p.stationId, p.departureId));
  }

  @Put(':departureId')
  async put(
    @Param() p: DepartureParams,
    @Body() body: PutDepartureDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Departure> {
    const { departure, created } = await this.departures.put(p.stationId, p.departureId, body, parseIfMatch(ifMatch));
    res.status(created ? 201 : 200);
    return withEtag(res, departure);
  }

  @Patch(':departureId')
  async patch(
    @Param() p: DepartureParams,
    @Body() body: PatchDepartureDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Departure> {
    return withEtag(res, await this.departures.patch(p.stationId, p.departureId, body, parseIfMatch(ifMatch)));
  }

  @Delete(':departureId')
  @HttpCode(204)
  remove(@Param() p: DepartureParams, @Headers('if-match') ifMatch?: string): Promise<void> {
    return this.departures.remove(p.stationId, p.departureId, parseIfMatch(ifMatch));
  }
}

function withEtag(res: Response, departure: Departure): Departure {
  res.setHeader('ETag', `"${departure.version}"`);
  return departure;
}
