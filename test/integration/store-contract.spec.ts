import type { Kysely } from 'kysely';
import { systemAuthor } from '../../server/src/board-core/write-context';
import type { Database } from '../../server/src/store/database';
import { KyselyAccountsRepository } from '../../server/src/store/kysely-accounts.repository';
import { KyselyAuditRepository } from '../../server/src/store/kysely-audit.repository';
import { KyselyBoardRepository } from '../../server/src/store/kysely-board.repository';
import { KyselyEventLogRepository } from '../../server/src/store/kysely-event-log.repository';
import { KyselyLeasesRepository } from '../../server/src/store/kysely-leases.repository';
import { KyselyFeedsRepository } from '../../server/src/store/kysely-feeds.repository';
import { KyselyIdempotencyRepository } from '../../server/src/store/kysely-idempotency.repository';
import { ClaimTakenError } from '../../server/src/store/apply-claim';
import { alert, departure } from '../support/factories';
import { storeEngines, type TestStore } from '../support/stores';

const AUTHOR = systemAuthor('contract-test', 'feed');

/** The repositories' promises, held to the letter on every engine: what the services and streams rely on. */
describe.each(storeEngines())('$name: the store contract', (engine) => {
  let store: TestStore;
  let db: Kysely<Database>;
  let board: KyselyBoardRepository;
  let log: KyselyEventLogRepository;
  let audit: KyselyAuditRepository;
  let leases: KyselyLeasesRepository;

  beforeEach(async () => {
    store = await engine.create();
    db = await store.open();
    board = await KyselyBoardRepository.open(db);
    log = new KyselyEventLogRepository(db);
    audit = new KyselyAuditRepository(db);
    leases = new KyselyLeasesRepository(db);
    await board.saveStation({ id: 'bern', name: 'Bern', timezone: 'Europe/Zurich' });
    await board.saveStation({ id: 'thun', name: 'Thun', timezone: 'Europe/Zurich' });
  });
  afterEach(async () => {
    await db.destroy();
    await store.drop();
  });

  it('appends a batch for several stations atomically, each with its own contiguous seqs', async () => {
    const stored = await board.appendAll(
      [
        { stationId: 'bern', change: { type: 'departure-set', departure: departure({ id: 'a' }) } },
        { stationId: 'thun', change: { type: 'departure-set', departure: departure({ id: 'b' }) } },
        { stationId: 'bern', change: { type: 'alert-set', alert: alert({ id: 'x' }) } },
      ],
      AUTHOR,
    );
    expect(stored.map((s) => [s.stationId, s.event.seq])).toEqual([
      ['bern', 1],
      ['thun', 1],
      ['bern', 2],
    ]);
    await expect(
      board.appendAll(
        [
          { stationId: 'bern', change: { type: 'departure-removed', departureId: 'a' } },
          { stationId: 'nowhere', change: { type: 'departure-removed', departureId: 'a' } },
        ],
        AUTHOR,
      ),
    ).rejects.toThrow();
    expect((await board.loadBoard('bern'))?.seq).toBe(2);
    expect((await log.readLog('bern', 0, 10))?.events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('stores a batch larger than one statement, with every kind of change and rows changed twice, as if one by one', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `d${i}`);
    await board.appendAll(
      ids.map((id) => ({ stationId: 'bern', change: { type: 'departure-set', departure: departure({ id, version: 1 }) } })),
      AUTHOR,
    );
    const second = [
      ...ids.map((id, i) =>
        i % 3 === 0
          ? { stationId: 'bern', change: { type: 'departure-removed' as const, departureId: id } }
          : {
              stationId: 'bern',
              change: { type: 'departure-set' as const, departure: departure({ id, version: 2, platform: i % 3 === 1 ? '7' : '33' }) },
            },
      ),
      { stationId: 'bern', change: { type: 'departure-set' as const, departure: departure({ id: 'd0', version: 1, platform: '9' }) } },
      ...Array.from({ length: 10 }, (_, i) => ({
        stationId: 'thun',
        change: { type: 'alert-set' as const, alert: alert({ id: `a${i}` }) },
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ stationId: 'thun', change: { type: 'alert-cleared' as const, alertId: `a${i}` } })),
    ];
    const stored = await board.appendAll(second, AUTHOR);
    expect(stored.filter((s) => s.stationId === 'bern').map((s) => s.event.seq)).toEqual(Array.from({ length: 301 }, (_, i) => 301 + i));
    const bern = await board.loadBoard('bern');
    const expected = ids
      .filter((_, i) => i % 3 !== 0)
      .concat('d0')
      .sort();
    expect(bern?.departures.map((d) => d.id).sort()).toEqual(expected);
    expect(bern?.departures.find((d) => d.id === 'd0')?.platform).toBe('9');
    expect(bern?.departures.find((d) => d.id === 'd1')?.platform).toBe('7');
    expect((await board.loadBoard('thun'))?.alerts.map((a) => a.id)).toEqual(['a5', 'a6', 'a7', 'a8', 'a9']);
    expect((await log.readLog('bern', 0, 1000))?.events).toHaveLength(601);
    expect(await audit.listAudit({ stations: null, limit: 1000 })).toHaveLength(300 + second.length);
    const found = await board.findDepartures(ids.map((id) => ['bern', id] as [string, string]));
    expect(found.map((f) => f.departure.id).sort()).toEqual(ids.filter((_, i) => i % 3 !== 0 || i === 0).sort());
    expect(await board.findStationIds(['bern', 'nowhere', 'thun', 'bern'])).toEqual(new Set(['bern', 'thun']));
  });

  // An embedded SQLite store belongs to one instance (whose writes BoardWriter serializes); several instances share PostgreSQL.
  (engine.name === 'postgres' ? it : it.skip)('gives concurrent writers of two instances unique, gap-free seqs', async () => {
    const other = await KyselyBoardRepository.open(await store.open());
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? board : other).append('bern', { type: 'departure-set', departure: departure({ id: `d${i}` }) }, AUTHOR),
        ),
      );
      const stored = await log.readLog('bern', 0, 100);
      expect(stored?.events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(stored?.head).toBe(20);
    } finally {
      await other.close();
    }
  });

  it('claims an idempotency key in the change’s transaction, once', async () => {
    const keys = new KyselyIdempotencyRepository(db);
    const claim = { scope: 'token:t1', key: 'k1', fingerprint: 'f1' };
    await board.append('bern', { type: 'alert-set', alert: alert({ id: 'x' }) }, AUTHOR, claim);
    await expect(board.append('bern', { type: 'alert-set', alert: alert({ id: 'y' }) }, AUTHOR, claim)).rejects.toThrow(ClaimTakenError);
    expect((await board.loadBoard('bern'))?.alerts.map((a) => a.id)).toEqual(['x']);
    expect(await keys.claim(claim, new Date())).toMatchObject({ key: 'k1', fingerprint: 'f1', applied: true, answer: null });
    await keys.answer(claim, { status: 201, body: '{}', etag: null });
    expect((await keys.claim(claim, new Date()))?.answer).toEqual({ status: 201, body: '{}', etag: null });
    // Another caller's key of the same name is theirs.
    expect(await keys.claim({ ...claim, scope: 'user:u1' }, new Date())).toBeNull();
  });

  it('trims old log entries but keeps the newest of each station', async () => {
    for (let i = 0; i < 5; i++) await board.append('bern', { type: 'departure-set', departure: departure({ id: `d${i}` }) }, AUTHOR);
    expect(await log.trimLog(new Date(Date.now() + 60_000), 2)).toBe(3);
    expect((await log.readLog('bern', 0, 10))?.events.map((e) => e.seq)).toEqual([4, 5]);
  });

  it('records the audit entry with the row before and after', async () => {
    await board.append('bern', { type: 'departure-set', departure: departure({ id: 'a', version: 1 }) }, AUTHOR);
    await board.append('bern', { type: 'departure-set', departure: departure({ id: 'a', version: 2, platform: '7' }) }, AUTHOR);
    const [latest] = await audit.listAudit({ stations: null, limit: 1 });
    expect(latest).toMatchObject({ stationId: 'bern', action: 'departure-set', source: 'feed', seq: 2 });
    expect(latest.before).toMatchObject({ version: 1 });
    expect(latest.after).toMatchObject({ version: 2, platform: '7' });
  });

  it('stores a feed’s schedule, stations and board changes together', async () => {
    const feeds = new KyselyFeedsRepository(db, board.epoch);
    const network = {
      stations: [{ id: 'ct-a', name: 'A', timezone: 'America/Los_Angeles', stopIds: ['a'] }],
      stops: [],
      routes: [],
      routeStations: {},
    };
    const trip = {
      tripId: 't1',
      serviceDate: '20231107',
      routeId: 'r',
      line: 'L1',
      lineColor: '#c5c5c5',
      destination: 'B',
      origin: 'A',
      calls: [],
    };
    const stored = await feeds.saveSchedule(
      {
        feed: {
          id: 'ct',
          name: 'Caltrain',
          timezone: 'America/Los_Angeles',
          stationPrefix: 'ct',
          network,
          scheduleVersion: 'v1',
          scheduleValidity: null,
          window: { from: '2023-11-07', days: 1 },
          windowRolls: false,
          importedAt: new Date().toISOString(),
        },
        trips: [trip],
        changes: [{ stationId: 'ct-a', change: { type: 'departure-set', departure: departure({ id: 't1.20231107' }) } }],
      },
      AUTHOR,
    );
    expect(stored).toHaveLength(1);
    expect(await feeds.findTrips('ct', ['t1'])).toEqual([trip]);
    expect(await feeds.stationCount('ct')).toBe(1);
    expect(await board.findStation('ct-a')).toEqual({ id: 'ct-a', name: 'A', timezone: 'America/Los_Angeles', feedId: 'ct' });
    await feeds.recordSource('ct', 'trip-updates', { ok: false, at: '2023-11-08T01:00:00.000Z', error: 'boom' });
    expect((await feeds.listSources('ct'))[0]).toMatchObject({ kind: 'trip-updates', lastSuccessAt: null, errors: [{ message: 'boom' }] });
  });

  it('counts and finds accounts', async () => {
    const accounts = new KyselyAccountsRepository(db);
    expect(await accounts.countUsers()).toBe(0);
    await accounts.insertUser({
      id: 'u1',
      username: 'olga',
      passwordHash: 'x',
      role: 'operator',
      stations: ['bern'],
      createdAt: new Date().toISOString(),
    });
    expect(await accounts.countUsers()).toBe(1);
    expect(await accounts.findUserByName('olga')).toMatchObject({ id: 'u1', stations: ['bern'] });
  });

  it('gives a job’s lease to one holder until it lapses, then to another', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const later = (s: number) => new Date(now.getTime() + s * 1000);
    expect(await leases.acquireLease('roll-off', 'a', later(45), now)).toBe(true);
    expect(await leases.acquireLease('roll-off', 'b', later(45), later(10))).toBe(false);
    expect(await leases.acquireLease('roll-off', 'a', later(60), later(15))).toBe(true);
    expect(await leases.acquireLease('roll-off', 'b', later(120), later(61))).toBe(true);
    expect(await leases.acquireLease('roll-off', 'a', later(120), later(62))).toBe(false);
  });
});
