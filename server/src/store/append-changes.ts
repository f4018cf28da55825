import { sql, type Transaction } from 'kysely';
import { isPostgres } from './migrations/dialect';
import type { Alert, Departure } from '#shared/board';
import { type BoardChangeEvent, formatEventId } from '#shared/board-event';
import type { BoardChange, ChangeAuthor, StoredEvent } from './board.repository';
import type { AlertTable, AuditTable, Database, DepartureTable, EventTable } from './database';
import { fromAlert, fromDeparture, toAlert, toDeparture } from './row-mappers';

/** A change to append; `before` is the row as it was, when the caller already knows it. */
export interface PendingChange {
  stationId: string;
  change: BoardChange;
  before?: Departure | Alert | null;
}

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 400;
/** (station, departure) pairs per lookup: two bound values each. */
const PAIR_CHUNK = 200;
/** Stations per seq-reserving statement (two bound values each). */
const SEQ_CHUNK = 200;

/**
 * Appends changes inside one transaction with a handful of statements whatever their number:
 * one seq bump per station, the board's rows written in runs, the log and the audit in bulk.
 * Order is kept: each change sees the ones before it, as if they were appended one by one.
 */
export async function appendChanges(trx: Transaction<Database>, epoch: string, changes: PendingChange[], author: ChangeAuthor): Promise<StoredEvent[]> {
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
  const events: EventTable[] = stored.map((s) => ({ station_id: s.stationId, seq: s.event.seq, type: s.event.type, payload: s.json, created_at: now }));
  for (const rows of chunks(events)) await trx.insertInto('events').values(rows).execute();
  for (const rows of chunks(audit)) await trx.insertInto('audit_log').values(rows).execute();
  return stored;
}

/**
 * A departure written from a stale read: another instance changed the row after it was read. The
 * writer reads again and redoes the change, so two operators' edits never overwrite each other.
 */
export class StaleWriteError extends Error {}

/** Each departure-set must follow the row's stored version (0: no row yet). */
async function checkVersions(trx: Transaction<Database>, changes: PendingChange[]): Promise<void> {
  const pairs = new Map<string, [string, string]>();
  for (const { stationId, change } of changes) {
    if (change.type === 'departure-set') pairs.set(`${stationId}\n${change.departure.id}`, [stationId, change.departure.id]);
  }
  const stored = new Map<string, number>();
  const list = [...pairs.values()];
  for (let i = 0; i < list.length; i += PAIR_CHUNK) {
    const rows = await trx
      .selectFrom('departures')
      .select(['station_id', 'id', 'version'])
      .where((eb) => eb.or(list.slice(i, i + PAIR_CHUNK).map(([stationId, id]) => eb.and([eb('station_id', '=', stationId), eb('id', '=', id)]))))
      .execute();
    for (const row of rows) stored.set(`${row.station_id}\n${row.id}`, Number(row.version));
  }
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
  const first = new Map<string, number>();
  for (let i = 0; i < ids.length; i += SEQ_CHUNK) {
    const chunk = ids.slice(i, i + SEQ_CHUNK);
    if (isPostgres(trx)) await trx.selectFrom('stations').select('id').where('id', 'in', chunk).orderBy('id').forUpdate().execute();
    // One statement for many stations: seq = seq + (this station's number of changes).
    const increment = sql<number>`case ${sql.join(chunk.map((id) => sql`when id = ${id} then cast(${counts.get(id)!} as integer)`), sql` `)} else 0 end`;
    const rows = await trx
      .updateTable('stations')
      .set({ seq: sql<number>`seq + ${increment}` })
      .where('id', 'in', chunk)
      .returning(['id', 'seq'])
      .execute();
    for (const row of rows) first.set(row.id, Number(row.seq) - counts.get(row.id)! + 1);
    const missing = chunk.find((id) => !first.has(id));
    if (missing !== undefined) throw new Error(`station ${missing} does not exist`);
  }
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

async function applyRun(trx: Transaction<Database>, run: StoredEvent[]): Promise<void> {
  const last = new Map<string, StoredEvent>();
  for (const s of run) last.set(`${s.stationId}\n${targetOf(s.event)}`, s);
  const items = [...last.values()];
  const type = run[0].event.type;
  if (type === 'departure-set') {
    const rows = items.map((s) => fromDeparture(s.stationId, (s.event as Extract<BoardChangeEvent, { type: 'departure-set' }>).departure));
    for (const chunk of chunks(rows)) {
      await trx.insertInto('departures').values(chunk).onConflict((oc) => oc.columns(['station_id', 'id']).doUpdateSet(excludedOf<DepartureTable>(chunk[0]))).execute();
    }
  } else if (type === 'alert-set') {
    const rows = items.map((s) => fromAlert(s.stationId, (s.event as Extract<BoardChangeEvent, { type: 'alert-set' }>).alert));
    for (const chunk of chunks(rows)) {
      await trx.insertInto('alerts').values(chunk).onConflict((oc) => oc.columns(['station_id', 'id']).doUpdateSet(excludedOf<AlertTable>(chunk[0]))).execute();
    }
  } else {
    const table = type === 'departure-removed' ? 'departures' : 'alerts';
    for (const s of items) {
      await trx.deleteFrom(table).where('station_id', '=', s.stationId).where('id', '=', targetOf(s.event)).execute();
    }
  }
}

/** `SET col = excluded.col` for every column but the key: the multi-row form of an upsert. */
function excludedOf<T extends object>(sample: T): Record<string, ReturnType<typeof rawExcluded>> {
  const set: Record<string, ReturnType<typeof rawExcluded>> = {};
  for (const column of Object.keys(sample)) if (column !== 'station_id' && column !== 'id') set[column] = rawExcluded(column);
  return set;
}

function rawExcluded(column: string) {
  return (eb: { ref: (r: string) => unknown }) => eb.ref(`excluded.${column}`);
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

async function rowBefore(trx: Transaction<Database>, stationId: string, event: BoardChangeEvent): Promise<Departure | Alert | null> {
  if (tableOf(event) === 'departures') {
    const row = await trx.selectFrom('departures').selectAll().where('station_id', '=', stationId).where('id', '=', targetOf(event)).executeTakeFirst();
    return row ? toDeparture(row) : null;
  }
  const row = await trx.selectFrom('alerts').selectAll().where('station_id', '=', stationId).where('id', '=', targetOf(event)).executeTakeFirst();
  return row ? toAlert(row) : null;
}

function tableOf(event: BoardChangeEvent): 'departures' | 'alerts' {
  return event.type === 'departure-set' || event.type === 'departure-removed' ? 'departures' : 'alerts';
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

function afterOf(event: BoardChangeEvent): Departure | Alert | null {
  if (event.type === 'departure-set') return event.departure;
  if (event.type === 'alert-set') return event.alert;
  return null;
}

function afterJson(event: BoardChangeEvent): string | null {
  const after = afterOf(event);
  return after === null ? null : JSON.stringify(after);
}
