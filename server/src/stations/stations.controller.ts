import { Access } from '../auth/access.decorator';
import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Station } from '#shared/board';
import { StationParams } from '../common/station-params';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { PutStationDto } from './dto/put-station.dto';
import { StationsService } from './stations.service';
import { WriteRoutes } from '../common/write-routes.decorator';
import { wireArray, wireRef } from '../openapi/wire-schema';

@ApiTags('stations')
@WriteRoutes()
@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Get()
  @ApiOperation({ summary: 'All stations' })
  @ApiOkResponse({ schema: wireArray('Station') })
  list(): Promise<Station[]> {
    return this.stations.list();
  }

  @Get(':stationId')
  @ApiOperation({ summary: 'One station' })
  @ApiOkResponse({ schema: wireRef('Station') })
  @ApiErrorResponse(404, '`not_found`: no station has this id')
  get(@Param() { stationId }: StationParams): Promise<Station> {
    return this.stations.get(stationId);
  }

  @Put(':stationId')
  @Access('stations')
  @ApiOperation({ summary: 'Create or rename a station' })
  @ApiOkResponse({ schema: wireRef('Station'), description: 'The station existed and was renamed' })
  @ApiCreatedResponse({ schema: wireRef('Station'), description: 'The station was created' })
  async put(
    @Param() { stationId }: StationParams,
    @Body() body: PutStationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Station> {
    const { station, created } = await this.stations.put(stationId, body);
    res.status(created ? 201 : 200);
    return station;
  }
}
