import type { Transaction } from 'kysely';
import { isPostgres } from './migrations/dialect';
import type { Alert, Departure } from '#shared/board';
import { type BoardChangeEvent, type ChangeTarget, changeTarget, formatEventId } from '#shared/board-event';
import type { BoardChange, ChangeAuthor, StoredEvent } from './board.repository';
import type { AuditTable, Database, EventTable } from './database';
import { runBulk } from './bulk-sql';
import {
  BUMP_SEQS,
  DELETE_ALERTS,
  DELETE_DEPARTURES,
  INSERT_AUDIT,
  INSERT_EVENTS,
  LOCK_STATIONS,
  type RowKey,
  SELECT_VERSIONS,
  UPSERT_ALERTS,
  UPSERT_DEPARTURES,
} from './board-statements';
import { fromAlert, fromDeparture, toAlert, toDeparture } from './row-mappers';

/** A change to append; `before` is the row as it was, when the caller already knows it. */
export interface PendingChange {
  stationId: string;
  change: BoardChange;
  before?: Departure | Alert | null;
  /** The audit entry this change undoes (an undo of a whole write undoes several); else the author's. */
  undoOf?: number;
}

/**
 * Appends changes inside one transaction with a handful of statements whatever their number:
 * one seq bump per station, the board's rows written in runs, the log and the audit in bulk.
 * Order is kept: each change sees the ones before it, as if they were appended one by one.
 */
export async function appendChanges(
  trx: Transaction<Database>,
  epoch: string,
  changes: PendingChange[],
  author: ChangeAuthor,
): Promise<StoredEvent[]> {
  const nextSeq = await reserveSeqs(trx, changes);
  // The stations' rows are locked now: no other instance writes them until this commits.
  await checkVersions(trx, changes);
  const known = new Map<string, Departure | Alert | null>();
  const stored: StoredEvent[] = [];
  const audit: Array<Omit<AuditTable, 'id' | 'undone'>> = [];
  const now = new Date().toISOString();
  for (const { stationId, change, before: given, undoOf } of changes) {
    const seq = nextSeq.get(stationId)!;
    nextSeq.set(stationId, seq + 1);
    const event = { ...change, seq } as BoardChangeEvent;
    const target = changeTarget(event);
    const key = `${stationId}\n${target.rows}\n${target.id}`;
    const before = given !== undefined ? given : known.has(key) ? known.get(key)! : await rowBefore(trx, stationId, target);
    known.set(key, target.row);
    stored.push({ stationId, event, id: formatEventId(epoch, seq), json: JSON.stringify(event) });
    audit.push({
      at: now,
      actor_kind: author.actor.kind,
      actor_id: author.actor.id,
      actor_name: author.actor.name,
      source: author.source,
      station_id: stationId,
      action: event.type,
      target_id: target.id,
      before: before === null ? null : JSON.stringify(before),
      after: target.row === null ? null : JSON.stringify(target.row),
      seq,
      undo_of: undoOf ?? author.undoOf ?? null,
      write_id: author.write ?? null,
    });
  }
  await applyInRuns(trx, stored);
  const events: EventTable[] = stored.map((s) => ({
    station_id: s.stationId,
    seq: s.event.seq,
    type: s.event.type,
    payload: s.json,
    created_at: now,
  }));
  await runBulk(trx, INSERT_EVENTS, events);
  await runBulk(trx, INSERT_AUDIT, audit);
  return stored;
}

/**
 * A departure written from a stale read: another instance changed the row after it was read. The
 * writer reads again and redoes the change, so two operators' edits never overwrite each other.
 */
export class StaleWriteError extends Error {}

/** Each departure-set must follow the row's stored version (0: no row yet). */
async function checkVersions(trx: Transaction<Database>, changes: PendingChange[]): Promise<void> {
  const pairs = new Map<string, RowKey>();
  const targets = changes.map(({ stationId, change }) => ({ stationId, target: changeTarget(change) }));
  for (const { stationId, target } of targets) {
    if (target.rows === 'departures' && target.row) pairs.set(`${stationId}\n${target.id}`, [stationId, target.id]);
  }
  const stored = new Map<string, number>();
  const rows = await runBulk<RowKey, { station_id: string; id: string; version: number }>(trx, SELECT_VERSIONS, [...pairs.values()]);
  for (const row of rows) stored.set(`${row.station_id}\n${row.id}`, Number(row.version));
  for (const { stationId, target } of targets) {
    if (target.rows !== 'departures') continue;
    const key = `${stationId}\n${target.id}`;
    if (!target.row) {
      stored.delete(key);
      continue;
    }
    if ((stored.get(key) ?? 0) !== target.row.version - 1) {
      throw new StaleWriteError(`departure ${target.id} at ${stationId} changed meanwhile`);
    }
    stored.set(key, target.row.version);
  }
}

/** Bumps each station's seq once by its number of changes; answers each station's first new seq. */
async function reserveSeqs(trx: Transaction<Database>, changes: PendingChange[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { stationId } of changes) counts.set(stationId, (counts.get(stationId) ?? 0) + 1);
  // In station order, so two instances appending to the same stations lock them in the same order (no deadlock).
  const ids = [...counts.keys()].sort();
  if (isPostgres(trx)) await runBulk(trx, LOCK_STATIONS, ids);
  const rows = await runBulk<readonly [string, number], { id: string; seq: number }>(
    trx,
    BUMP_SEQS,
    ids.map((id) => [id, counts.get(id)!] as const),
  );
  const first = new Map<string, number>();
  for (const row of rows) first.set(row.id, Number(row.seq) - counts.get(row.id)! + 1);
  const missing = ids.find((id) => !first.has(id));
  if (missing !== undefined) throw new Error(`station ${missing} does not exist`);
  return first;
}

/** A stored change with what it does to its row. */
interface Targeted {
  stationId: string;
  target: ChangeTarget;
}

/** Writes the rows in runs of one statement (the same rows, set or removed), so a later change of a row still wins. */
async function applyInRuns(trx: Transaction<Database>, stored: StoredEvent[]): Promise<void> {
  const statementOf = (t: ChangeTarget): string => `${t.rows}:${t.row ? 'set' : 'remove'}`;
  let run: Targeted[] = [];
  for (const s of stored) {
    const next = { stationId: s.stationId, target: changeTarget(s.event) };
    if (run.length > 0 && statementOf(run[0].target) !== statementOf(next.target)) {
      await applyRun(trx, run);
      run = [];
    }
    run.push(next);
  }
  if (run.length > 0) await applyRun(trx, run);
}

/** One statement per chunk of a run; a row changed twice in the run is written once, as last changed (an upsert may not touch a row twice). */
async function applyRun(trx: Transaction<Database>, run: Targeted[]): Promise<void> {
  const last = new Map<string, Targeted>();
  for (const t of run) last.set(`${t.stationId}\n${t.target.id}`, t);
  const items = [...last.values()];
  const keys = items.map(({ stationId, target }) => [stationId, target.id] as const);
  const { rows, row } = run[0].target;
  switch (rows) {
    case 'departures':
      if (!row) return void (await runBulk(trx, DELETE_DEPARTURES, keys));
      return void (await runBulk(
        trx,
        UPSERT_DEPARTURES,
        items.map(({ stationId, target }) => fromDeparture(stationId, target.row as Departure)),
      ));
    case 'alerts':
      if (!row) return void (await runBulk(trx, DELETE_ALERTS, keys));
      return void (await runBulk(
        trx,
        UPSERT_ALERTS,
        items.map(({ stationId, target }) => fromAlert(stationId, target.row as Alert)),
      ));
    default: {
      const unknown: never = rows;
      throw new Error(`no table for ${String(unknown)}`);
    }
  }
}

async function rowBefore(trx: Transaction<Database>, stationId: string, target: ChangeTarget): Promise<Departure | Alert | null> {
  // Departures or alerts: a new kind of rows fails to compile here (`target.rows` is then not narrowed to 'alerts').
  if (target.rows === 'departures') {
    const row = await trx
      .selectFrom('departures')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('id', '=', target.id)
      .executeTakeFirst();
    return row ? toDeparture(row) : null;
  }
  const rows: 'alerts' = target.rows;
  const row = await trx.selectFrom(rows).selectAll().where('station_id', '=', stationId).where('id', '=', target.id).executeTakeFirst();
  return row ? toAlert(row) : null;
}
