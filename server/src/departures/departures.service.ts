import { Injectable } from '@nestjs/common';
import type { PatchDepartureBody, PutDepartureBody } from '#shared/api';
import type { Departure } from '#shared/board';
import { notFound } from '../common/api-exception';
import { checkVersion } from '../common/if-match';
import { BoardWriter } from '../board-core/board-writer.service';
import type { WriteContext } from '../board-core/write-context';
import type { ChangeAuthor } from '../store/board.repository';
import { BoardRepository } from '../store/board.repository';
import { buildDeparture, type ChangeBy, patchDeparture } from './departure-rules';
import { Clock } from '../common/clock';

/** Departures on a board: what feeds replace and operators change. */
@Injectable()
export class DeparturesService {
  constructor(
    private readonly clock: Clock,
    private readonly repository: BoardRepository,
    private readonly writer: BoardWriter,
  ) {}

  async get(stationId: string, departureId: string): Promise<Departure> {
    await this.requireStation(stationId);
    const departure = await this.repository.findDeparture(stationId, departureId);
    if (!departure) throw notFound('Departure', departureId);
    return departure;
  }

  /** `ifVersion` (from `If-Match`) makes the write conditional on the row being at that version. */
  put(
    write: WriteContext,
    stationId: string,
    departureId: string,
    body: PutDepartureBody,
    ifVersion?: number,
  ): Promise<{ departure: Departure; created: boolean }> {
    return this.writer.transact(write, async (append) => {
      await this.requireStation(stationId);
      const previous = await this.repository.findDeparture(stationId, departureId);
      if (ifVersion !== undefined && previous === null) throw notFound('Departure', departureId);
      if (previous) checkVersion('Departure', departureId, previous.version, ifVersion);
      const departure = buildDeparture(departureId, body, previous, this.clock.now(), changeBy(write.author));
      await append(stationId, { type: 'departure-set', departure });
      return { departure, created: previous === null };
    });
  }

  patch(write: WriteContext, stationId: string, departureId: string, body: PatchDepartureBody, ifVersion?: number): Promise<Departure> {
    return this.writer.transact(write, async (append) => {
      const current = await this.get(stationId, departureId);
      checkVersion('Departure', departureId, current.version, ifVersion);
      const departure = patchDeparture(current, body, this.clock.now(), changeBy(write.author));
      await append(stationId, { type: 'departure-set', departure });
      return departure;
    });
  }

  remove(write: WriteContext, stationId: string, departureId: string, ifVersion?: number): Promise<void> {
    return this.writer.transact(write, async (append) => {
      const current = await this.get(stationId, departureId);
      checkVersion('Departure', departureId, current.version, ifVersion);
      await append(stationId, { type: 'departure-removed', departureId });
    });
  }

  /** Removes the departure if it still left before `cutoff` (an operator may have delayed it meanwhile). */
  removeIfDepartedBefore(write: WriteContext, stationId: string, departureId: string, cutoff: Date): Promise<boolean> {
    return this.writer.transact(write, async (append) => {
      const current = await this.repository.findDeparture(stationId, departureId);
      if (!current || Date.parse(current.expectedTime ?? current.scheduledTime) >= cutoff.getTime()) return false;
      await append(stationId, { type: 'departure-removed', departureId });
      return true;
    });
  }

  private async requireStation(stationId: string): Promise<void> {
    if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
  }
}

/** How a departure records who changed it (an operator's hold names them). */
export function changeBy(author: ChangeAuthor): ChangeBy {
  return { name: author.actor.name, source: author.source };
}
