import { isDeepStrictEqual } from 'node:util';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { LineDelayBody } from '#shared/api';
import { type AuditEntry, mayChange, type Principal } from '#shared/auth';
import type { Alert, Departure } from '#shared/board';
import { ApiException, notFound } from '../common/api-exception';
import { BoardWriter } from '../board-core/board-writer.service';
import type { WriteContext } from '../board-core/write-context';
import { changeBy } from '../departures/departures.service';
import { patchDeparture } from '../departures/departure-rules';
import { BoardRepository, type BoardChange } from '../store/board.repository';
import { Clock } from '../common/clock';
import { CHANGE_KINDS, changeOf } from '#shared/board-event';
import { AuditRepository } from '../audit/audit.repository';

const normalizeLine = (line: string): string => line.replace(/\s+/g, '').toLowerCase();

/** What a control room does to many rows at once, or takes back. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly audit: AuditRepository,
    private readonly writer: BoardWriter,
    private readonly clock: Clock,
  ) {}

  /** Delays every departure of a line that has not left and is not cancelled. */
  delayLine(write: WriteContext, stationId: string, body: LineDelayBody): Promise<Departure[]> {
    return this.writer.transact(write, async (append) => {
      const board = await this.repository.loadBoard(stationId);
      if (!board) throw notFound('Station', stationId);
      const now = this.clock.now();
      const rows = board.departures.filter(
        (d) =>
          d.kind === 'departure' &&
          normalizeLine(d.line) === normalizeLine(body.line) &&
          d.status !== 'cancelled' &&
          Date.parse(d.expectedTime ?? d.scheduledTime) > now.getTime(),
      );
      if (rows.length === 0) throw notFound('Upcoming departures of line', body.line);
      const updated: Departure[] = [];
      for (const row of rows) {
        const departure = patchDeparture(row, { delayMinutes: body.delayMinutes }, now, changeBy(write.author));
        await append(stationId, { type: 'departure-set', departure });
        updated.push(departure);
      }
      return updated;
    });
  }

  /**
   * Takes back the principal's latest change at the station, unless someone changed the same row
   * since: then undoing would overwrite their change, and it is refused.
   */
  undo(write: WriteContext, stationId: string, principal: Principal): Promise<AuditEntry> {
    return this.writer.transact(write, async (append) => {
      if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
      const entry = await this.audit.findUndoable(stationId, principal.id);
      if (!entry)
        throw new ApiException(HttpStatus.NOT_FOUND, 'nothing_to_undo', `You have no change at station "${stationId}" left to undo`);
      const { rows } = CHANGE_KINDS[entry.action];
      const isDeparture = rows === 'departures';
      if (!mayChange(principal, rows, stationId)) {
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          'forbidden',
          `"${principal.name}" may no longer change ${rows} at station "${stationId}"`,
        );
      }
      const current = isDeparture
        ? await this.repository.findDeparture(stationId, entry.targetId)
        : await this.repository.findAlert(stationId, entry.targetId);
      if (!sameContent(current, entry.after)) {
        // Who changed it since: an undo of the caller's own later change leaves the row as this entry left it.
        const latest = await this.audit.findLatestOf(stationId, entry.targetId);
        const since = latest && latest.id > entry.id ? ` by ${latest.actor.name} at ${latest.at}` : '';
        throw new ApiException(
          HttpStatus.CONFLICT,
          'changed_since',
          `${isDeparture ? 'Departure' : 'Alert'} "${entry.targetId}" was changed${since} after your change; undoing it would overwrite that`,
        );
      }
      await append(stationId, revert(entry, current as Departure | Alert | null, this.clock.now()), { ...write.author, undoOf: entry.id });
      return entry;
    });
  }
}

/**
 * Whether a row holds what an audit entry left in it, whatever the key order and whatever its
 * version and time of change (an undo of a later change puts the same row back as a new version).
 */
function sameContent(current: unknown, recorded: unknown): boolean {
  const content = (row: unknown) => {
    if (row === null || typeof row !== 'object') return row;
    const { version: _version, updatedAt: _updatedAt, ...rest } = row as Record<string, unknown>;
    return rest;
  };
  return isDeepStrictEqual(content(current), content(recorded));
}

/** The change that puts the row back as it was before `entry` (a departure's version moves on past the current one). */
function revert(entry: AuditEntry, current: Departure | Alert | null, now: Date): BoardChange {
  const { rows } = CHANGE_KINDS[entry.action];
  const id = entry.targetId;
  if (rows === 'alerts') return changeOf({ rows, id, row: entry.before as Alert | null });
  const before = entry.before as Departure | null;
  const version = Math.max(before?.version ?? 0, (current as Departure | null)?.version ?? 0) + 1;
  return changeOf({ rows, id, row: before && { ...before, version, updatedAt: now.toISOString() } });
}
