import { type Kysely, type Selectable, sql } from 'kysely';
import type { Alert, Board, Departure, Station } from '#shared/board';
import { compareDepartures } from '#shared/apply-event';
import type { AuditTable, Database, DepartureTable } from './database';
import { runBulk } from './bulk-sql';
import { type RowKey, SELECT_DEPARTURES, SELECT_STATION_IDS } from './board-statements';
import type { AuditEntry } from '#shared/auth';
import {
  type AuditFilter,
  type BoardChange,
  BoardRepository,
  type ChangeAuthor,
  type IdempotencyClaim,
  type LoggedEvent,
  type StoredEvent,
} from './board.repository';
import { appendChanges, type PendingChange } from './append-changes';
import { applyClaim } from './apply-claim';
import { toAlert, toDeparture, toStation } from './row-mappers';

/** The board store on any SQL engine Kysely speaks to; the queries are written once for all. */
export class KyselyBoardRepository extends BoardRepository {
  private constructor(
    private readonly db: Kysely<Database>,
    readonly epoch: string,
  ) {
    super();
  }

  static async open(db: Kysely<Database>): Promise<KyselyBoardRepository> {
    const row = await db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow();
    return new KyselyBoardRepository(db, row.value);
  }

  async listStations(): Promise<Station[]> {
    const rows = await this.db.selectFrom('stations').select(['id', 'name', 'timezone', 'feed_id']).orderBy('name').execute();
    return rows.map(toStation);
  }

  async findStation(stationId: string): Promise<Station | null> {
    const row = await this.db
      .selectFrom('stations')
      .select(['id', 'name', 'timezone', 'feed_id'])
      .where('id', '=', stationId)
      .executeTakeFirst();
    return row ? toStation(row) : null;
  }

  async saveStation(station: Station): Promise<boolean> {
    const now = new Date().toISOString();
    const existing = await this.findStation(station.id);
    await this.db
      .insertInto('stations')
      .values({ ...station, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: station.name, timezone: station.timezone, updated_at: now }))
      .execute();
    return existing === null;
  }

  async findDeparture(stationId: string, departureId: string): Promise<Departure | null> {
    const row = await this.db
      .selectFrom('departures')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('id', '=', departureId)
      .executeTakeFirst();
    return row ? toDeparture(row) : null;
  }

  async findStationIds(stationIds: string[]): Promise<Set<string>> {
    const rows = await runBulk<string, { id: string }>(this.db, SELECT_STATION_IDS, [...new Set(stationIds)]);
    return new Set(rows.map((row) => row.id));
  }

  async findDepartures(keys: Array<[string, string]>): Promise<Array<{ stationId: string; departure: Departure }>> {
    const rows = await runBulk<RowKey, DepartureTable>(this.db, SELECT_DEPARTURES, keys);
    return rows.map((row) => ({ stationId: row.station_id, departure: toDeparture(row) }));
  }

  async findDepartedBefore(cutoff: Date, limit: number): Promise<Array<{ stationId: string; departureId: string }>> {
    const rows = await this.db
      .selectFrom('departures')
      .select(['station_id', 'id'])
      .where((eb) => eb(eb.fn.coalesce('expected_time', 'scheduled_time'), '<', cutoff.toISOString()))
      .orderBy('scheduled_time')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ stationId: r.station_id, departureId: r.id }));
  }

  async findAlert(stationId: string, alertId: string): Promise<Alert | null> {
    const row = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('id', '=', alertId)
      .executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  async loadBoard(stationId: string): Promise<Board | null> {
    // One transaction, so the rows and the seq describe the same moment.
    return this.db.transaction().execute(async (trx) => {
      const station = await trx.selectFrom('stations').selectAll().where('id', '=', stationId).executeTakeFirst();
      if (!station) return null;
      const departures = await trx.selectFrom('departures').selectAll().where('station_id', '=', stationId).execute();
      const alerts = await trx
        .selectFrom('alerts')
        .selectAll()
        .where('station_id', '=', stationId)
        .orderBy('created_at')
        .execute();
      return {
        epoch: this.epoch,
        seq: Number(station.seq),
        station: toStation(station),
        departures: departures.map(toDeparture).sort(compareDepartures),
        alerts: alerts.map(toAlert),
        // Feed freshness is live state, not stored: the board stream adds it.
        feed: null,
      };
    });
  }

  async append(stationId: string, change: BoardChange, author: ChangeAuthor, claim?: IdempotencyClaim): Promise<StoredEvent> {
    const [stored] = await this.appendAll([{ stationId, change }], author, claim);
    return stored;
  }

  async appendAll(changes: PendingChange[], author: ChangeAuthor, claim?: IdempotencyClaim): Promise<StoredEvent[]> {
    return this.db.transaction().execute(async (trx) => {
      if (claim) await applyClaim(trx, claim);
      const stored = await appendChanges(trx, this.epoch, changes, author);
      if (author.undoOf !== undefined) await trx.updateTable('audit_log').set({ undone: 1 }).where('id', '=', author.undoOf).execute();
      return stored;
    });
  }

  async readLog(stationId: string, afterSeq: number, limit: number): Promise<{ head: number; events: LoggedEvent[] } | null> {
    return this.db.transaction().execute(async (trx) => {
      const station = await trx.selectFrom('stations').select('seq').where('id', '=', stationId).executeTakeFirst();
      if (!station) return null;
      const rows = await trx
        .selectFrom('events')
        .select(['seq', 'type', 'payload'])
        .where('station_id', '=', stationId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return {
        head: Number(station.seq),
        events: rows.map((r) => ({ seq: Number(r.seq), type: r.type as LoggedEvent['type'], json: r.payload })),
      };
    });
  }

  async listHeads(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('stations').select(['id', 'seq']).execute();
    return new Map(rows.map((r) => [r.id, Number(r.seq)]));
  }

  async acquireLease(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('leases')
      .values({ name, holder, expires_at: until.toISOString() })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, expires_at: until.toISOString() })
          .where((eb) => eb.or([eb('leases.expires_at', '<', now.toISOString()), eb('leases.holder', '=', holder)])),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async trimLog(before: Date, keep: number): Promise<number> {
    const result = await this.db
      .deleteFrom('events')
      .where('created_at', '<', before.toISOString())
      .where(({ eb, selectFrom }) =>
        eb('events.seq', '<=', selectFrom('stations').select((s) => s(s.ref('stations.seq'), '-', keep).as('floor')).whereRef('stations.id', '=', 'events.station_id')),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    if (filter.stations !== null && filter.stations.length === 0) return [];
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.stations !== null) query = query.where('station_id', 'in', filter.stations);
    if (filter.stationId) query = query.where('station_id', '=', filter.stationId);
    if (filter.actor) query = query.where('actor_name', '=', filter.actor);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    return (await query.execute()).map(toAuditEntry);
  }

  async findUndoable(stationId: string, actorId: string): Promise<AuditEntry | null> {
    const row = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('actor_id', '=', actorId)
      .where('undo_of', 'is', null)
      .where('undone', '=', 0)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toAuditEntry(row) : null;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function toAuditEntry(r: Selectable<AuditTable>): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: { kind: r.actor_kind as AuditEntry['actor']['kind'], id: r.actor_id, name: r.actor_name },
    source: r.source as AuditEntry['source'],
    stationId: r.station_id,
    action: r.action as AuditEntry['action'],
    targetId: r.target_id,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    seq: Number(r.seq),
    undoOf: r.undo_of === null ? null : Number(r.undo_of),
    undone: Number(r.undone) === 1,
  };
}
