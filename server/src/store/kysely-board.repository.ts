import { type Kysely, sql } from 'kysely';
import type { Alert, Board, Departure, Station } from '#shared/board';
import { compareDepartures } from '#shared/apply-event';
import type { Database, DepartureTable } from './database';
import { runBulk } from './bulk-sql';
import { type RowKey, SELECT_DEPARTURES, SELECT_STATION_IDS } from './board-statements';
import { type BoardChange, BoardRepository, type ChangeAuthor, type IdempotencyClaim, type StoredEvent } from './board.repository';
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
    const rows = await this.db.selectFrom('stations').select(['id', 'name', 'timezone', 'feed_id', 'language']).orderBy('name').execute();
    return rows.map(toStation);
  }

  async findStation(stationId: string): Promise<Station | null> {
    const row = await this.db
      .selectFrom('stations')
      .select(['id', 'name', 'timezone', 'feed_id', 'language'])
      .where('id', '=', stationId)
      .executeTakeFirst();
    return row ? toStation(row) : null;
  }

  async saveStation(station: Station): Promise<boolean> {
    const now = new Date().toISOString();
    const existing = await this.findStation(station.id);
    await this.db
      .insertInto('stations')
      .values({
        id: station.id,
        name: station.name,
        timezone: station.timezone,
        language: station.language ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ name: station.name, timezone: station.timezone, language: station.language ?? null, updated_at: now }),
      )
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
      const alerts = await trx.selectFrom('alerts').selectAll().where('station_id', '=', stationId).orderBy('created_at').execute();
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
      const undone = [...new Set([author.undoOf, ...changes.map((c) => c.undoOf)].filter((id) => id !== undefined))];
      if (undone.length > 0) await trx.updateTable('audit_log').set({ undone: 1 }).where('id', 'in', undone).execute();
      return stored;
    });
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
