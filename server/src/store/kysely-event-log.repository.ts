import type { Kysely } from 'kysely';
import { EventLogRepository, type LoggedEvent } from '../board-core/event-log.repository';
import type { Database } from './database';

/** The stations' change logs on any SQL engine Kysely speaks to. */
export class KyselyEventLogRepository extends EventLogRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
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
  async trimLog(before: Date, keep: number): Promise<number> {
    const result = await this.db
      .deleteFrom('events')
      .where('created_at', '<', before.toISOString())
      .where(({ eb, selectFrom }) =>
        eb(
          'events.seq',
          '<=',
          selectFrom('stations')
            .select((s) => s(s.ref('stations.seq'), '-', keep).as('floor'))
            .whereRef('stations.id', '=', 'events.station_id'),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
