import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/src/store/database';
import { openSqliteDatabase } from '../../server/src/store/sqlite-database';

/**
 * The embedded store acknowledges nothing before it is on disk: a commit's WAL is synced before
 * the writer goes on, and until then no read sees the change. The disk sync is replaced here by
 * one the test releases, so "not before it is on disk" is observable.
 */
describe('SQLite store durability', () => {
  let dataDir: string;
  let db: Kysely<Database>;
  let syncs: Array<() => void>;
  let holdSyncs: boolean;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'headway-durability-'));
    syncs = [];
    holdSyncs = false;
    db = await openSqliteDatabase(dataDir, () => (holdSyncs ? new Promise<void>((resolve) => syncs.push(resolve)) : Promise.resolve()));
  });

  afterEach(async () => {
    holdSyncs = false;
    for (const release of syncs) release();
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const station = (id: string) => ({
    id,
    name: `Station ${id}`,
    timezone: 'Europe/Zurich',
    seq: 0,
    created_at: '2026-12-01T07:00:00.000Z',
    updated_at: '2026-12-01T07:00:00.000Z',
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  it('answers a transaction only after its WAL is synced, and no read sees it before', async () => {
    holdSyncs = true;
    let committed = false;
    const write = db
      .transaction()
      .execute((trx) => trx.insertInto('stations').values(station('bern')).execute())
      .then(() => (committed = true));
    await settle();
    expect(syncs).toHaveLength(1);
    expect(committed).toBe(false);

    let read: string[] | undefined;
    const reading = db
      .selectFrom('stations')
      .select('id')
      .execute()
      .then((rows) => (read = rows.map((r) => r.id)));
    await settle();
    expect(read).toBeUndefined();

    syncs[0]();
    await write;
    await reading;
    expect(committed).toBe(true);
    expect(read).toEqual(['bern']);
  });

  it('syncs a write made outside a transaction, and no read-only query waits for the disk', async () => {
    holdSyncs = true;
    let written = false;
    const write = db
      .insertInto('stations')
      .values(station('thun'))
      .execute()
      .then(() => (written = true));
    await settle();
    expect(written).toBe(false);
    syncs[0]();
    await write;

    const before = syncs.length;
    expect(await db.selectFrom('stations').select('id').execute()).toEqual([{ id: 'thun' }]);
    expect(syncs).toHaveLength(before);
  });

  it('keeps a committed change across a reopen', async () => {
    await db.transaction().execute((trx) => trx.insertInto('stations').values(station('chur')).execute());
    await db.destroy();
    db = await openSqliteDatabase(dataDir);
    expect(await db.selectFrom('stations').select('id').execute()).toEqual([{ id: 'chur' }]);
  });

  it('moves the WAL into the database file on a thread of its own, never inside a commit', async () => {
    const file = join(dataDir, 'headway.db');
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    expect(rows[0].wal_autocheckpoint).toBe(0);

    // Far below the 1,000 pages at which SQLite would checkpoint by itself inside a COMMIT.
    const sizeBefore = statSync(file).size;
    for (let i = 0; i < 40; i++)
      await db
        .insertInto('stations')
        .values(station(`s${i}-${'x'.repeat(2000)}`))
        .execute();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(80_000);
    // The worker's timer copies it over; until then the rows are in the WAL alone (and durable there).
    const deadline = Date.now() + 20_000;
    while (statSync(file).size < sizeBefore + 80_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(file).size).toBeGreaterThanOrEqual(sizeBefore + 80_000);
    expect(await db.selectFrom('stations').select('id').execute()).toHaveLength(40);
  });

  it('starts the WAL over while writes follow each other without a pause, so it does not grow with them', async () => {
    // A feed's batches back to back: the worker alone never finished between two writes, and the WAL grew by
    // every byte written for as long as they came (550 MB in 10 s of ingest). The store drains it about once a
    // second instead. Four writers, so each transaction begins as soon as the one before is released, and the
    // test's instant disk sync leaves no pause between them in which the worker could catch up by chance.
    await sql`create table scratch (v text not null)`.execute(db);
    const row = 'x'.repeat(2000);
    const shm = join(dataDir, 'headway.db-shm');
    let written = 0;
    let mostFrames = 0;
    const until = Date.now() + 6000;
    const writer = async () => {
      while (Date.now() < until) {
        await db.transaction().execute(async (trx) => {
          for (let i = 0; i < 200; i++) await sql`insert into scratch (v) values (${row})`.execute(trx);
        });
        written += 200 * row.length;
        mostFrames = Math.max(mostFrames, walFrames(shm));
      }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    const { rows: page } = await sql<{ page_size: number }>`pragma page_size`.execute(db);
    expect(written).toBeGreaterThan(2_000_000);
    expect(mostFrames).toBeGreaterThan(0);
    // At its longest, the WAL held about a second of the writes, not all of them.
    expect(mostFrames * page[0].page_size).toBeLessThan(written / 2);
    const { rows } = await sql<{ n: number }>`select count(*) as n from scratch`.execute(db);
    expect(Number(rows[0].n) * row.length).toBe(written);
  });
});

/** Frames in the WAL since it last started over: `mxFrame` of the wal-index header (SQLite's documented -shm format). */
function walFrames(shm: string): number {
  const fd = openSync(shm, 'r');
  try {
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    return endianness() === 'LE' ? header.readUInt32LE(16) : header.readUInt32BE(16);
  } finally {
    closeSync(fd);
  }
}
