import type { Transaction } from 'kysely';
import { isPostgres } from './migrations/dialect';
import type { Alert, Departure } from '#shared/board';
import { type BoardChangeEvent, CHANGE_KINDS, formatEventId } from '#shared/board-event';
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
  for (const { stationId, change, before: given } of changes) {
    const seq = nextSeq.get(stationId)!;
    nextSeq.set(stationId, seq + 1);
    const event = { ...change, seq } as BoardChangeEvent;
    const key = `${stationId}\n${tableOf(event)}\n${targetOf(event)}`;
    const before = given !== undefined ? given : known.has(key) ? known.get(key)! : await rowBefore(trx, stationId, event);
    known.set(key, afterOf(event));
    stored.push({ stationId, event, id: formatEventId(epoch, seq), json: JSON.stringify(event) });
    audit.push({
      at: now,
      actor_kind: author.actor.kind,
      actor_id: author.actor.id,
      actor_name: author.actor.name,
      source: author.source,
      station_id: stationId,
      action: event.type,
      target_id: targetOf(event),
      before: before === null ? null : JSON.stringify(before),
      after: afterJson(event),
      seq,
      undo_of: author.undoOf ?? null,
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
  for (const { stationId, change } of changes) {
    if (change.type === 'departure-set') pairs.set(`${stationId}\n${change.departure.id}`, [stationId, change.departure.id]);
  }
  const stored = new Map<string, number>();
  const rows = await runBulk<RowKey, { station_id: string; id: string; version: number }>(trx, SELECT_VERSIONS, [...pairs.values()]);
  for (const row of rows) stored.set(`${row.station_id}\n${row.id}`, Number(row.version));
  for (const { stationId, change } of changes) {
    const key = `${stationId}\n${change.type === 'departure-set' ? change.departure.id : change.type === 'departure-removed' ? change.departureId : ''}`;
    if (change.type === 'departure-removed') stored.delete(key);
    if (change.type !== 'departure-set') continue;
    if ((stored.get(key) ?? 0) !== change.departure.version - 1) {
      throw new StaleWriteError(`departure ${change.departure.id} at ${stationId} changed meanwhile`);
    }
    stored.set(key, change.departure.version);
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

/** Writes the rows in runs of one kind of change, so a later change of a row still wins. */
async function applyInRuns(trx: Transaction<Database>, stored: StoredEvent[]): Promise<void> {
  let run: StoredEvent[] = [];
  for (const s of stored) {
    if (run.length > 0 && run[0].event.type !== s.event.type) {
      await applyRun(trx, run);
      run = [];
    }
    run.push(s);
  }
  if (run.length > 0) await applyRun(trx, run);
}

/** One statement per chunk of a run; a row changed twice in the run is written once, as last changed (an upsert may not touch a row twice). */
async function applyRun(trx: Transaction<Database>, run: StoredEvent[]): Promise<void> {
  const last = new Map<string, StoredEvent>();
  for (const s of run) last.set(`${s.stationId}\n${targetOf(s.event)}`, s);
  const items = [...last.values()];
  const type = run[0].event.type;
  switch (type) {
    case 'departure-set':
      await runBulk(
        trx,
        UPSERT_DEPARTURES,
        items.map((s) => fromDeparture(s.stationId, (s.event as Extract<BoardChangeEvent, { type: 'departure-set' }>).departure)),
      );
      return;
    case 'alert-set':
      await runBulk(
        trx,
        UPSERT_ALERTS,
        items.map((s) => fromAlert(s.stationId, (s.event as Extract<BoardChangeEvent, { type: 'alert-set' }>).alert)),
      );
      return;
    case 'departure-removed':
      await runBulk(
        trx,
        DELETE_DEPARTURES,
        items.map((s) => [s.stationId, targetOf(s.event)] as const),
      );
      return;
    case 'alert-cleared':
      await runBulk(
        trx,
        DELETE_ALERTS,
        items.map((s) => [s.stationId, targetOf(s.event)] as const),
      );
      return;
    default: {
      const unknown: never = type;
      throw new Error(`unknown change ${String(unknown)}`);
    }
  }
}

async function rowBefore(trx: Transaction<Database>, stationId: string, event: BoardChangeEvent): Promise<Departure | Alert | null> {
  if (tableOf(event) === 'departures') {
    const row = await trx
      .selectFrom('departures')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('id', '=', targetOf(event))
      .executeTakeFirst();
    return row ? toDeparture(row) : null;
  }
  const row = await trx
    .selectFrom('alerts')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('id', '=', targetOf(event))
    .executeTakeFirst();
  return row ? toAlert(row) : null;
}

function tableOf(event: BoardChangeEvent): 'departures' | 'alerts' {
  return CHANGE_KINDS[event.type].rows;
}

export function targetOf(event: BoardChangeEvent): string {
  switch (event.type) {
    case 'departure-set':
      return event.departure.id;
    case 'departure-removed':
      return event.departureId;
    case 'alert-set':
      return event.alert.id;
    case 'alert-cleared':
      return event.alertId;
  }
}

/** The row as the change leaves it; `null` for a change that takes it away. */
function afterOf(event: BoardChangeEvent): Departure | Alert | null {
  switch (event.type) {
    case 'departure-set':
      return event.departure;
    case 'alert-set':
      return event.alert;
    case 'departure-removed':
    case 'alert-cleared':
      return null;
    default:
      return unknownChange(event);
  }
}

function unknownChange(event: never): never {
  throw new Error(`unknown change ${String((event as { type?: unknown }).type)}`);
}

function afterJson(event: BoardChangeEvent): string | null {
  const after = afterOf(event);
  return after === null ? null : JSON.stringify(after);
}
