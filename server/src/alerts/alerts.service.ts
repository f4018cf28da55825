import { Injectable } from '@nestjs/common';
import type { PostAlertBody } from '#shared/api';
import type { Alert } from '#shared/board';
import { notFound } from '../common/api-exception';
import { BoardWriter } from '../board-core/board-writer.service';
import type { WriteContext } from '../board-core/write-context';
import { BoardRepository } from '../store/board.repository';
import { buildAlert } from './alert-rules';
import { Clock } from '../common/clock';

/** Station-wide messages for passengers. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly clock: Clock,
    private readonly repository: BoardRepository,
    private readonly writer: BoardWriter,
  ) {}

  async create(write: WriteContext, stationId: string, body: PostAlertBody): Promise<Alert> {
    const alert = buildAlert(body, this.clock.now());
    return this.writer.transact(write, async (append) => {
      await this.requireStation(stationId);
      await append(stationId, { type: 'alert-set', alert });
      return alert;
    });
  }

  clear(write: WriteContext, stationId: string, alertId: string): Promise<void> {
    return this.writer.transact(write, async (append) => {
      await this.requireStation(stationId);
      if (!(await this.repository.findAlert(stationId, alertId))) throw notFound('Alert', alertId);
      await append(stationId, { type: 'alert-cleared', alertId });
    });
  }

  private async requireStation(stationId: string): Promise<void> {
    if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
  }
}
