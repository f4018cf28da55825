import { Injectable } from '@nestjs/common';
import type { ApiError, BatchBody, BatchItemResult, BatchReport, BatchUpdate } from '#shared/api';
import { mayChange, type Principal } from '#shared/auth';
import type { Alert, Departure } from '#shared/board';
import { changeTarget } from '#shared/board-event';
import { buildAlert } from '../alerts/alert-rules';
import { ApiException, forbidden, invalidFields, notFound } from '../common/api-exception';
import { BoardWriter } from '../board-core/board-writer.service';
import type { WriteContext } from '../board-core/write-context';
import { buildDeparture, type ChangeBy, patchDeparture } from '../departures/departure-rules';
import { changeBy } from '../departures/departures.service';
import { type BoardChange, BoardRepository } from '../store/board.repository';
import { parseUpdate } from './parse-update';
import { Clock } from '../common/clock';

/**
 * The state a batch sees: the store, plus what earlier updates of the same batch changed. What the
 * batch names is read up front, a few queries for the whole batch (not a board per station).
 */
class Staged {
  private readonly departures = new Map<string, Departure | null>();
  private readonly alerts = new Map<string, Alert | null>();
  private readonly stations = new Map<string, boolean>();

  constructor(private readonly repository: BoardRepository) {}

  /** Reads the stations and departures the (not yet validated) updates name. */
  async prefetch(raw: object[]): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const update of raw as Array<{ stationId?: unknown; departureId?: unknown }>) {
      if (typeof update.stationId !== 'string') continue;
      const ids = wanted.get(update.stationId) ?? new Set<string>();
      if (typeof update.departureId === 'string') ids.add(update.departureId);
      wanted.set(update.stationId, ids);
    }
    const existing = await this.repository.findStationIds([...wanted.keys()]);
    const keys: Array<[string, string]> = [];
    for (const [stationId, ids] of wanted) {
      this.stations.set(stationId, existing.has(stationId));
      if (!existing.has(stationId)) continue;
      for (const id of ids) {
        this.departures.set(key(stationId, id), null);
        keys.push([stationId, id]);
      }
    }
    for (const { stationId, departure } of await this.repository.findDepartures(keys))
      this.departures.set(key(stationId, departure.id), departure);
  }

  async station(id: string): Promise<boolean> {
    if (!this.stations.has(id)) this.stations.set(id, (await this.repository.findStation(id)) !== null);
    return this.stations.get(id)!;
  }

  async departure(stationId: string, id: string): Promise<Departure | null> {
    const k = key(stationId, id);
    if (!this.departures.has(k)) this.departures.set(k, await this.repository.findDeparture(stationId, id));
    return this.departures.get(k)!;
  }

  async alert(stationId: string, id: string): Promise<Alert | null> {
    const k = key(stationId, id);
    if (!this.alerts.has(k)) this.alerts.set(k, await this.repository.findAlert(stationId, id));
    return this.alerts.get(k)!;
  }

  /** The row a change replaces, as this batch last left it (for the audit log's "before"). */
  async before(stationId: string, change: BoardChange): Promise<Departure | Alert | null> {
    const { rows, id } = changeTarget(change);
    return rows === 'departures' ? this.departure(stationId, id) : this.alert(stationId, id);
  }

  /** Remembers the row as `change` leaves it, for the batch's later items. */
  record(stationId: string, change: BoardChange): void {
    const target = changeTarget(change);
    if (target.rows === 'departures') this.departures.set(key(stationId, target.id), target.row);
    else this.alerts.set(key(stationId, target.id), target.row);
  }
}

function key(stationId: string, id: string): string {
  return `${stationId}\n${id}`;
}

/**
 * Many updates in one request, for feeds: each is validated and authorized on its own, the valid
 * ones are stored in one transaction (durable together, and fast), and every update gets a result.
 */
@Injectable()
export class BatchService {
  constructor(
    private readonly clock: Clock,
    private readonly repository: BoardRepository,
    private readonly writer: BoardWriter,
  ) {}

  apply(write: WriteContext, body: BatchBody, principal: Principal): Promise<BatchReport> {
    return this.writer.transact(
      write,
      async (_append, appendAll) => {
        const staged = new Staged(this.repository);
        await staged.prefetch(body.updates);
        const now = this.clock.now();
        const by = changeBy(write.author);
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
      },
      body.updates.length,
    );
  }

  private async changeFor(update: BatchUpdate, principal: Principal, staged: Staged, now: Date, by?: ChangeBy): Promise<BoardChange> {
    const permission = update.op.endsWith('departure') ? 'departures' : 'alerts';
    if (!mayChange(principal, permission, update.stationId)) {
      throw forbidden(
        `${principal.kind === 'user' ? 'User' : 'Token'} "${principal.name}" may not change ${permission} at station "${update.stationId}"`,
      );
    }
    if (!(await staged.station(update.stationId))) throw notFound('Station', update.stationId);
    switch (update.op) {
      case 'put-departure': {
        const previous = await staged.departure(update.stationId, update.departureId);
        return {
          type: 'departure-set',
          departure: inBody('departure', () => buildDeparture(update.departureId, update.departure, previous, now, by)),
        };
      }
      case 'patch-departure': {
        const current = await staged.departure(update.stationId, update.departureId);
        if (!current) throw notFound('Departure', update.departureId);
        return { type: 'departure-set', departure: inBody('patch', () => patchDeparture(current, update.patch, now, by)) };
      }
      case 'remove-departure':
        if (!(await staged.departure(update.stationId, update.departureId))) throw notFound('Departure', update.departureId);
        return { type: 'departure-removed', departureId: update.departureId };
      case 'post-alert':
        return { type: 'alert-set', alert: inBody('alert', () => buildAlert(update.alert, now)) };
      case 'clear-alert':
        if (!(await staged.alert(update.stationId, update.alertId))) throw notFound('Alert', update.alertId);
        return { type: 'alert-cleared', alertId: update.alertId };
    }
  }
}

/**
 * A rule's field errors named by their path in the update (`departure.scheduledTime`), as the
 * update's validation names them, so a feed finds the field whichever check refused it.
 */
function inBody<T>(key: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    const fields = error instanceof ApiException ? (error.getResponse() as ApiError).fields : undefined;
    if (!fields) throw error;
    throw invalidFields(fields.map(({ field, message }) => ({ field: field === 'body' ? key : `${key}.${field}`, message })));
  }
}
