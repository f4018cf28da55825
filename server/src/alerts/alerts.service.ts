import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PostAlertBody } from '#shared/api';
import type { Alert } from '#shared/board';
import { invalidField, notFound } from '../common/api-exception';
import { BoardWriter } from '../board/board-writer.service';
import { BoardRepository } from '../store/board.repository';

/** Station-wide messages for passengers. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly writer: BoardWriter,
  ) {}

  async create(stationId: string, body: PostAlertBody): Promise<Alert> {
    const now = new Date();
    const validFrom = body.validFrom ? new Date(body.validFrom).toISOString() : null;
    const validUntil = body.validUntil ? new Date(body.validUntil).toISOString() : null;
    if (validUntil !== null && validUntil <= now.toISOString()) {
      throw invalidField('validUntil', 'validUntil is in the past: the alert would never be shown');
    }
    if (validFrom !== null && validUntil !== null && validUntil <= validFrom) {
      throw invalidField('validUntil', 'validUntil must be after validFrom');
    }
    const alert: Alert = {
      id: `a-${randomBytes(6).toString('hex')}`,
      severity: body.severity,
      text: body.text.trim(),
      validFrom,
      validUntil,
      createdAt: now.toISOString(),
    };
    return this.writer.transact(async (append) => {
      await this.requireStation(stationId);
      await append(stationId, { type: 'alert-set', alert });
      return alert;
    });
  }

  clear(stationId: string, alertId: string): Promise<void> {
    return this.writer.transact(async (append) => {
      await this.requireStation(stationId);
      if (!(await this.repository.findAlert(stationId, alertId))) throw notFound('Alert', alertId);
      await append(stationId, { type: 'alert-cleared', alertId });
    });
  }

  private async requireStation(stationId: string): Promise<void> {
    if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
  }
}
