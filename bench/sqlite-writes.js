#!/usr/bin/env node
'use strict';
/**
 * What SQLite alone costs per change, without the rest of the write path: the app's own schema
 * (its migrations, from dist/) and its own batch statements (store/board-statements), run straight
 * on better-sqlite3 with `synchronous=FULL`, 1,024 changes per transaction as 4 statements of 256
 * rows per table, over 1,000 departures that each change updates (as a feed does). Each line is one
 * variant, so a schema change can be costed before it is made.
 *
 *   npm run build:server && node bench/sqlite-writes.js
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { openSqliteDatabase } = require('../dist/server/src/store/sqlite-database');
const statements = require('../dist/server/src/store/board-statements');

const ROWS = 256;
const STATEMENTS_PER_TRANSACTION = 4;
const TRANSACTIONS = 100;
const STATIONS = 100;
const DEPARTURES = 10;

const VARIANTS = [
  { name: 'departure row, log entry and audit entry (what each change writes)', tables: 'dea' },
  { name: 'departure row only', tables: 'd' },
  { name: 'log entry only', tables: 'e' },
  { name: 'audit entry only', tables: 'a' },
  { name: 'all three, audit_log without AUTOINCREMENT', tables: 'dea', setup: noAutoincrement },
  { name: 'all three, without the departures_by_time index', tables: 'dea', setup: (db) => db.exec('drop index departures_by_time') },
  { name: 'all three, foreign keys off', tables: 'dea', setup: (db) => db.pragma('foreign_keys = OFF') },
  { name: 'all three, events and departures WITHOUT ROWID', tables: 'dea', setup: withoutRowid },
  { name: 'all three, 64 MiB page cache', tables: 'dea', setup: (db) => db.pragma('cache_size = -65536') },
  { name: 'all three, 256 MiB mmap', tables: 'dea', setup: (db) => db.pragma('mmap_size = 268435456') },
  { name: 'all three, again (noise)', tables: 'dea' },
];

/** Rebuilds the keyed tables as WITHOUT ROWID: their primary key is then the table's only B-tree. */
function withoutRowid(db) {
  for (const table of ['events', 'departures']) {
    const sql = db.prepare('select sql from sqlite_master where name = ?').get(table).sql;
    const indexes = db.prepare("select sql from sqlite_master where tbl_name = ? and type = 'index' and sql is not null").all(table);
    db.exec(`drop table ${table}; ${sql} without rowid; ${indexes.map((i) => `${i.sql};`).join(' ')}`);
  }
}

function noAutoincrement(db) {
  const sql = db
    .prepare("select sql from sqlite_master where name = 'audit_log'")
    .get()
    .sql.replace(/autoincrement/i, '');
  db.exec(`drop table audit_log; ${sql}; create index audit_by_station on audit_log (station_id, id);`);
}

async function makeStore() {
  const dir = mkdtempSync(join(tmpdir(), 'headway-sqlite-writes-'));
  const kysely = await openSqliteDatabase(dir);
  await kysely.destroy();
  const db = new Database(join(dir, 'headway.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let s = 0; s < STATIONS; s++) {
      db.prepare('insert into stations (id, name, timezone, seq, created_at, updated_at) values (?, ?, ?, 0, ?, ?)').run(
        `s${s}`,
        `Station ${s}`,
        'Europe/Zurich',
        now,
        now,
      );
    }
  })();
  return { db, dir };
}

/** A departure row as the app writes it: every column, texts of a real board's length. */
function departureRow(stationId, id, version) {
  const at = new Date(Date.now() + 30 * 60_000).toISOString();
  return {
    station_id: stationId,
    id,
    kind: 'departure',
    line: 'IC 5',
    line_color: '#eb0000',
    destination: 'Genève-Aéroport',
    origin: null,
    via: JSON.stringify(['Biel/Bienne', 'Neuchâtel', 'Yverdon-les-Bains', 'Lausanne']),
    text_translations: null,
    train_number: '1114',
    skipped_stops: '[]',
    shortened_at: null,
    replacement: 0,
    scheduled_time: at,
    expected_time: at,
    scheduled_platform: '7',
    platform: '7',
    cancel_reason: null,
    remarks: JSON.stringify([`t=${Date.now()}`]),
    status: 'delayed',
    override: null,
    version,
    updated_at: new Date().toISOString(),
  };
}

function prepared(db, statement) {
  const tuples = Array.from({ length: ROWS }, () => `(${statement.columns.map(() => '?').join(', ')})`).join(', ');
  const stmt = db.prepare(statement.text(tuples));
  return (items) => stmt.run(items.flatMap((item) => statement.values(item)));
}

async function measure(variant) {
  const { db, dir } = await makeStore();
  variant.setup?.(db);
  const upsert = prepared(db, statements.UPSERT_DEPARTURES);
  const events = prepared(db, statements.INSERT_EVENTS);
  const audit = prepared(db, statements.INSERT_AUDIT);
  let seq = 0;
  let spent = 0n;
  let cpu = 0;
  for (let t = 0; t < TRANSACTIONS; t++) {
    const batches = Array.from({ length: STATEMENTS_PER_TRANSACTION }, (_, k) =>
      Array.from({ length: ROWS }, (_, i) => {
        const n = (t * STATEMENTS_PER_TRANSACTION + k) * ROWS + i;
        return departureRow(`s${n % STATIONS}`, `d${Math.floor(n / STATIONS) % DEPARTURES}`, t + 1);
      }),
    );
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    db.transaction(() => {
      for (const rows of batches) {
        const json = JSON.stringify(rows[0]);
        if (variant.tables.includes('d')) upsert(rows);
        if (variant.tables.includes('e'))
          events(
            rows.map((r) => ({ station_id: r.station_id, seq: ++seq, type: 'departure-set', payload: json, created_at: r.updated_at })),
          );
        if (variant.tables.includes('a')) {
          audit(
            rows.map((r) => ({
              at: r.updated_at,
              actor_kind: 'token',
              actor_id: 'tok',
              actor_name: 'bench',
              source: 'api',
              station_id: r.station_id,
              action: 'departure-set',
              target_id: r.id,
              before: json,
              after: json,
              seq,
              undo_of: null,
              write_id: null,
            })),
          );
        }
      }
    })();
    spent += process.hrtime.bigint() - started;
    const used = process.cpuUsage(cpuBefore);
    cpu += used.user + used.system;
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const changes = TRANSACTIONS * STATEMENTS_PER_TRANSACTION * ROWS;
  return { wallUs: Number(spent) / 1e3 / changes, cpuUs: cpu / changes };
}

/** For bench/run.js: the first variant (what each change writes), measured in this process. */
async function measureChangeCost() {
  return measure(VARIANTS[0]);
}

if (require.main !== module) {
  module.exports = { measureChangeCost };
} else
  (async () => {
    process.stdout.write(
      `SQLite per change, ${TRANSACTIONS} transactions of ${STATEMENTS_PER_TRANSACTION * ROWS} changes (synchronous=FULL, WAL), rows built outside the timing:\n`,
    );
    process.stdout.write('   wall    CPU\n');
    for (const variant of VARIANTS) {
      const { wallUs, cpuUs } = await measure(variant);
      process.stdout.write(`  ${wallUs.toFixed(1).padStart(5)} ${cpuUs.toFixed(1).padStart(5)} µs  ${variant.name}\n`);
    }
  })();
