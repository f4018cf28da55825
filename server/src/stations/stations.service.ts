import { Injectable } from '@nestjs/common';
import type { Station } from '#shared/board';
import { notFound } from '../common/api-exception';
import { BoardRepository } from '../store/board.repository';
import type { PutStationDto } from './dto/put-station.dto';

@Injectable()
export class StationsService {
  constructor(private readonly repository: BoardRepository) {}

  list(): Promise<Station[]> {
    return this.repository.listStations();
  }

  async get(stationId: string): Promise<Station> {
    const station = await this.repository.findStation(stationId);
    if (!station) throw notFound('Station', stationId);
    return station;
  }

  /** Creates or renames a station; `created` tells the controller which status to answer. */
  async put(stationId: string, body: PutStationDto): Promise<{ station: Station; created: boolean }> {
    const station: Station = {
      id: stationId,
      name: body.name.trim(),
      timezone: body.timezone,
      ...(body.language ? { language: body.language } : {}),
    };
    const created = await this.repository.saveStation(station);
    return { station, created };
  }
}
