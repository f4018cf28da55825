import type { AlertTable, AuditTable, DepartureTable, EventTable } from './database';
import type { BulkStatement } from './bulk-sql';

/** Every column of a table, checked by the compiler against its row type in both directions. */
function columnsOf<T>() {
  return <const C extends ReadonlyArray<keyof T>>(columns: C & ([keyof T] extends [C[number]] ? unknown : 'a column is missing')) =>
    columns;
}

const DEPARTURE_COLUMNS = columnsOf<DepartureTable>()([
  'station_id',
  'id',
  'kind',
  'line',
  'line_color',
  'destination',
  'origin',
  'via',
  'text_translations',
  'train_number',
  'skipped_stops',
  'shortened_at',
  'replacement',
  'headway_minutes',
  'scheduled_time',
  'expected_time',
  'scheduled_platform',
  'platform',
  'cancel_reason',
  'remarks',
  'status',
  'override',
  'version',
  'updated_at',
]);
const ALERT_COLUMNS = columnsOf<AlertTable>()([
  'station_id',
  'id',
  'severity',
  'text',
  'valid_from',
  'valid_until',
  'created_at',
  'translations',
]);
const EVENT_COLUMNS = columnsOf<EventTable>()(['station_id', 'seq', 'type', 'payload', 'created_at']);
type AuditRow = Omit<AuditTable, 'id' | 'undone'>;
const AUDIT_COLUMNS = columnsOf<AuditRow>()([
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'source',
  'station_id',
  'action',
  'target_id',
  'before',
  'after',
  'seq',
  'undo_of',
  'write_id',
]);

function insertOf<T>(name: string, table: string, columns: ReadonlyArray<keyof T & string>, conflict?: string): BulkStatement<T> {
  const update = columns.filter((c) => c !== 'station_id' && c !== 'id').map((c) => `${c} = excluded.${c}`);
  const upsert = conflict ? ` on conflict (${conflict}) do update set ${update.join(', ')}` : '';
  return {
    name,
    columns: columns.map(() => null),
    text: (tuples) => `insert into ${table} (${columns.join(', ')}) values ${tuples}${upsert}`,
    values: (row) => columns.map((c) => row[c]),
  };
}

/** Departure rows written whole: a later row of the same key replaces the stored one. */
export const UPSERT_DEPARTURES = insertOf<DepartureTable>('upsert-departures', 'departures', DEPARTURE_COLUMNS, 'station_id, id');
export const UPSERT_ALERTS = insertOf<AlertTable>('upsert-alerts', 'alerts', ALERT_COLUMNS, 'station_id, id');
export const INSERT_EVENTS = insertOf<EventTable>('insert-events', 'events', EVENT_COLUMNS);
export const INSERT_AUDIT = insertOf<AuditRow>('insert-audit', 'audit_log', AUDIT_COLUMNS);

/** A (station, row id) pair, the key of a departure or an alert. */
export type RowKey = readonly [stationId: string, id: string];

const keyValues = (key: RowKey) => key;

function deleteOf(table: 'departures' | 'alerts'): BulkStatement<RowKey> {
  return {
    name: `delete-${table}`,
    columns: [null, null],
    text: (tuples) => `delete from ${table} where (station_id, id) in (values ${tuples})`,
    values: keyValues,
  };
}

export const DELETE_DEPARTURES = deleteOf('departures');
export const DELETE_ALERTS = deleteOf('alerts');

/** The stored departures of the given keys, whole rows. */
export const SELECT_DEPARTURES: BulkStatement<RowKey> = {
  name: 'select-departures',
  columns: [null, null],
  text: (tuples) => `select * from departures where (station_id, id) in (values ${tuples})`,
  values: keyValues,
};

/** The stored versions of the given departures (to refuse a write made from a stale read). */
export const SELECT_VERSIONS: BulkStatement<RowKey> = {
  name: 'select-versions',
  columns: [null, null],
  text: (tuples) => `select station_id, id, version from departures where (station_id, id) in (values ${tuples})`,
  values: keyValues,
};

/** Which of the given stations exist. */
export const SELECT_STATION_IDS: BulkStatement<string> = {
  name: 'select-station-ids',
  columns: [null],
  text: (tuples) => `select id from stations where id in (values ${tuples})`,
  values: (id) => [id],
};

/** Locks the stations' rows, in the order given (PostgreSQL; SQLite has one writer). */
export const LOCK_STATIONS: BulkStatement<string> = {
  name: 'lock-stations',
  columns: [null],
  text: (tuples) => `select id from stations where id in (values ${tuples}) order by id for update`,
  values: (id) => [id],
};

/** Moves each station's seq on by its number of changes; answers the new seqs. */
export const BUMP_SEQS: BulkStatement<readonly [stationId: string, count: number]> = {
  name: 'bump-seqs',
  columns: [null, 'bigint'],
  text: (tuples) =>
    `update stations set seq = seq + v.column2 from (values ${tuples}) as v where stations.id = v.column1 returning id, seq`,
  values: (entry) => entry,
};
