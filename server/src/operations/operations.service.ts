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
import { CHANGE_KINDS, changeOf, changeTarget } from '#shared/board-event';
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
   * Takes back the principal's latest write at the station (all the rows one action changed, newest
   * first), unless someone else changed one of those rows since: then undoing would overwrite their
   * change, and the whole undo is refused. Called again, it takes back the write before.
   */
  undo(write: WriteContext, stationId: string, principal: Principal): Promise<AuditEntry> {
    return this.writer.transact(write, async (_append, appendAll) => {
      if (!(await this.repository.findStation(stationId))) throw notFound('Station', stationId);
      const entries = await this.audit.findUndoableWrite(stationId, principal.id);
      if (entries.length === 0)
        throw new ApiException(HttpStatus.NOT_FOUND, 'nothing_to_undo', `You have no change at station "${stationId}" left to undo`);
      // Each row as it is now, then as each revert leaves it: a write that changed one row twice is undone in turn.
      const rows = new Map<string, Departure | Alert | null>();
      const reverts: Array<{ stationId: string; change: BoardChange; undoOf: number }> = [];
      for (const entry of entries) {
        const { rows: kind } = CHANGE_KINDS[entry.action];
        if (!mayChange(principal, kind, stationId)) {
          throw new ApiException(
            HttpStatus.FORBIDDEN,
            'forbidden',
            `"${principal.name}" may no longer change ${kind} at station "${stationId}"`,
          );
        }
        const key = `${kind}\n${entry.targetId}`;
        if (!rows.has(key)) rows.set(key, await this.currentRow(kind, stationId, entry.targetId));
        const current = rows.get(key)!;
        if (!sameContent(current, entry.after)) throw await this.changedSince(stationId, entry);
        const change = revert(entry, current, this.clock.now());
        rows.set(key, changeTarget(change).row);
        reverts.push({ stationId, change, undoOf: entry.id });
      }
      await appendAll(reverts);
      return entries[0];
    });
  }

  private currentRow(kind: 'departures' | 'alerts', stationId: string, id: string): Promise<Departure | Alert | null> {
    return kind === 'departures' ? this.repository.findDeparture(stationId, id) : this.repository.findAlert(stationId, id);
  }

  /** 409 naming who changed the row since, and when (an undo of the caller's own later write leaves it as this entry did). */
  private async changedSince(stationId: string, entry: AuditEntry): Promise<ApiException> {
    const latest = await this.audit.findLatestOf(stationId, entry.targetId);
    const since = latest && latest.id > entry.id ? ` by ${latest.actor.name} at ${latest.at}` : '';
    const what = CHANGE_KINDS[entry.action].rows === 'departures' ? 'Departure' : 'Alert';
    return new ApiException(
      HttpStatus.CONFLICT,
      'changed_since',
      `${what} "${entry.targetId}" was changed${since} after your change; undoing it would overwrite that`,
    );
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
