import { Access } from '../auth/access.decorator';
import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Station } from '#shared/board';
import { StationParams } from '../common/station-params';
import { PutStationDto } from './dto/put-station.dto';
import { StationsService } from './stations.service';

@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Get()
  list(): Promise<Station[]> {
    return this.stations.list();
  }

  @Get(':stationId')
  get(@Param() { stationId }: StationParams): Promise<Station> {
    return this.stations.get(stationId);
  }

  @Put(':stationId')
  @Access('stations')
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
