import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/** The first schema: stations, their departures and alerts, and the change log behind the streams. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('departures')
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('line_color', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('scheduled_time', 'text', (c) => c.notNull())
    .addColumn('expected_time', 'text')
    .addColumn('scheduled_platform', 'text')
    .addColumn('platform', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('departures_pk', ['station_id', 'id'])
    .execute();
  await db.schema.createIndex('departures_by_time').on('departures').columns(['station_id', 'scheduled_time']).execute();
  await db.schema
    .createTable('alerts')
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alerts_pk', ['station_id', 'id'])
    .execute();
  await db.schema
    .createTable('events')
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['station_id', 'seq'])
    .execute();
  // The epoch names this store in every event id: a new database gets a new one, so a screen
  // resuming from an id of another (wiped or restored) database is never mistaken for current.
  await sql`insert into meta (key, value) values ('epoch', ${newEpoch()})`.execute(db);
}

function newEpoch(): string {
  return randomBytes(5).toString('hex');
}
