import { Injectable } from '@nestjs/common';
import type { ApiError, BatchBody, BatchItemResult, BatchReport, BatchUpdate } from '#shared/api';
import { mayChange, type Principal } from '#shared/auth';
import type { Alert, Departure } from '#shared/board';
import { buildAlert } from '../alerts/alert-rules';
import { ApiException, forbidden, notFound } from '../common/api-exception';
import { BoardWriter } from '../board/board-writer.service';
import { buildDeparture, type ChangeBy, patchDeparture } from '../departures/departure-rules';
import { changeBy } from '../departures/departures.service';
import { type BoardChange, BoardRepository } from '../store/board.repository';
import { parseUpdate } from './parse-update';
import { boardNow } from '../common/clock';

/**
 * The state a batch sees: the store, plus what earlier updates of the same batch changed. Each
 * station's board is read once, with one query, however many of its rows the batch touches.
 */
class Staged {
  private readonly departures = new Map<string, Departure | null>();
  private readonly alerts = new Map<string, Alert | null>();
  private readonly stations = new Map<string, boolean>();

  constructor(private readonly repository: BoardRepository) {}

  async station(id: string): Promise<boolean> {
    if (!this.stations.has(id)) {
      const board = await this.repository.loadBoard(id);
      for (const d of board?.departures ?? []) this.departures.set(`${id}\n${d.id}`, d);
      for (const a of board?.alerts ?? []) this.alerts.set(`${id}\n${a.id}`, a);
      this.stations.set(id, board !== null);
    }
    return this.stations.get(id)!;
  }

  /** Only after `station(stationId)`: every row of a loaded station is known, so a miss means none. */
  async departure(stationId: string, id: string): Promise<Departure | null> {
    await this.station(stationId);
    return this.departures.get(`${stationId}\n${id}`) ?? null;
  }

  async alert(stationId: string, id: string): Promise<Alert | null> {
    await this.station(stationId);
    return this.alerts.get(`${stationId}\n${id}`) ?? null;
  }

  /** The row a change replaces, as this batch last left it (for the audit log's "before"). */
  async before(stationId: string, change: BoardChange): Promise<Departure | Alert | null> {
    switch (change.type) {
      case 'departure-set':
        return this.departure(stationId, change.departure.id);
      case 'departure-removed':
        return this.departure(stationId, change.departureId);
      case 'alert-set':
        return this.alert(stationId, change.alert.id);
      case 'alert-cleared':
        return this.alert(stationId, change.alertId);
    }
  }

  record(stationId: string, change: BoardChange): void {
    if (change.type === 'departure-set') this.departures.set(`${stationId}\n${change.departure.id}`, change.departure);
    if (change.type === 'departure-removed') this.departures.set(`${stationId}\n${change.departureId}`, null);
    if (change.type === 'alert-set') this.alerts.set(`${stationId}\n${change.alert.id}`, change.alert);
    if (change.type === 'alert-cleared') this.alerts.set(`${stationId}\n${change.alertId}`, null);
  }
}

/**
 * Many updates in one request, for feeds: each is validated and authorized on its own, the valid
 * ones are stored in one transaction (durable together, and fast), and every update gets a result.
 */
@Injectable()
export class BatchService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly writer: BoardWriter,
  ) {}

  apply(body: BatchBody, principal: Principal): Promise<BatchReport> {
    return this.writer.transact(async (_append, appendAll) => {
      const staged = new Staged(this.repository);
      const now = boardNow();
      const by = changeBy();
      const results: BatchItemResult[] = [];
      const changes: Array<{ stationId: string; change: BoardChange; before: Departure | Alert | null; index: number }> = [];
      for (const [index, raw] of body.updates.entries()) {
        try {
          const update = parseUpdate(raw);
          const change = await this.changeFor(update, principal, staged, now, by);
          const before = await staged.before(update.stationId, change);
          staged.record(update.stationId, change);
          changes.push({ stationId: update.stationId, change, before, index });
          results.push({ index, status: 'applied' });
        } catch (error) {
          if (!(error instanceof ApiException)) throw error;
          results.push({ index, status: 'rejected', error: error.getResponse() as ApiError });
        }
      }
      const stored = await appendAll(changes);
      stored.forEach((event, i) => (results[changes[i].index].seq = event.event.seq));
      return { applied: changes.length, rejected: results.length - changes.length, results };
    });
  }

  private async changeFor(update: BatchUpdate, principal: Principal, staged: Staged, now: Date, by?: ChangeBy): Promise<BoardChange> {
    const permission = update.op.endsWith('departure') ? 'departures' : 'alerts';
    if (!mayChange(principal, permission, update.stationId)) {
      throw forbidden(`${principal.kind === 'user' ? 'User' : 'Token'} "${principal.name}" may not change ${permission} at station "${update.stationId}"`);
    }
    if (!(await staged.station(update.stationId))) throw notFound('Station', update.stationId);
    switch (update.op) {
      case 'put-departure': {
        const previous = await staged.departure(update.stationId, update.departureId);
        return { type: 'departure-set', departure: buildDeparture(update.departureId, update.departure, previous, now, by) };
      }
      case 'patch-departure': {
        const current = await staged.departure(update.stationId, update.departureId);
        if (!current) throw notFound('Departure', update.departureId);
        return { type: 'departure-set', departure: patchDeparture(current, update.patch, now, by) };
      }
      case 'remove-departure':
        if (!(await staged.departure(update.stationId, update.departureId))) throw notFound('Departure', update.departureId);
        return { type: 'departure-removed', departureId: update.departureId };
      case 'post-alert':
        return { type: 'alert-set', alert: buildAlert(update.alert, now) };
      case 'clear-alert':
        if (!(await staged.alert(update.stationId, update.alertId))) throw notFound('Alert', update.alertId);
        return { type: 'alert-cleared', alertId: update.alertId };
    }
  }
}
