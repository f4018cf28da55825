import { type Kysely, sql } from 'kysely';
import { type ScreenRecord, type ScreenReload, type ScreenReport, ScreensRepository } from '../screens/screens.repository';
import type { Database } from './database';

const CHUNK = 200;

export class KyselyScreensRepository extends ScreensRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async saveAll(screens: ScreenRecord[]): Promise<void> {
    for (let i = 0; i < screens.length; i += CHUNK) {
      await this.db
        .insertInto('screens')
        .values(screens.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            station_id: eb.ref('excluded.station_id'),
            version: eb.ref('excluded.version'),
            connected: eb.ref('excluded.connected'),
            last_seen_at: eb.ref('excluded.last_seen_at'),
            data_age_seconds: eb.ref('excluded.data_age_seconds'),
            user_agent: eb.ref('excluded.user_agent'),
            stream_key: eb.ref('excluded.stream_key'),
          })),
        )
        .execute();
    }
  }

  async list(stationIds: string[] | null): Promise<ScreenRecord[]> {
    if (stationIds !== null && stationIds.length === 0) return [];
    let query = this.db.selectFrom('screens').selectAll().orderBy('station_id').orderBy('last_seen_at', 'desc').limit(5_000);
    if (stationIds !== null) query = query.where('station_id', 'in', stationIds);
    return query.execute();
  }

  async find(screenId: string): Promise<ScreenRecord | null> {
    return (await this.db.selectFrom('screens').selectAll().where('id', '=', screenId).executeTakeFirst()) ?? null;
  }

  async requestReload(screenId: string, at: string): Promise<void> {
    await this.db.updateTable('screens').set({ reload_requested_at: at }).where('id', '=', screenId).execute();
  }

  async takeReloads(screenIds: string[]): Promise<ScreenReload[]> {
    const taken: ScreenReload[] = [];
    for (let i = 0; i < screenIds.length; i += CHUNK) {
      const rows = await this.db
        .updateTable('screens')
        .set({ reload_requested_at: null })
        .where('id', 'in', screenIds.slice(i, i + CHUNK))
        .where('reload_requested_at', 'is not', null)
        .returning(['id', 'station_id'])
        .execute();
      taken.push(...rows.map((r) => ({ screenId: r.id, stationId: r.station_id })));
    }
    return taken;
  }

  async forget(before: string): Promise<number> {
    const result = await this.db.deleteFrom('screens').where('last_seen_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async reportIfOpen(screenId: string, streamKey: string, report: ScreenReport): Promise<boolean> {
    const result = await this.db
      .updateTable('screens')
      .set(report)
      .where('id', '=', screenId)
      .where('stream_key', '=', streamKey)
      .where('connected', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async prune(perStation: number, total: number): Promise<number> {
    // Ranked newest first, connected ones ahead of all others, so they fill the caps first.
    const result = await sql`
      delete from screens where connected = 0 and id in (
        select id from (
          select id,
            row_number() over (partition by station_id order by connected desc, last_seen_at desc) as in_station,
            row_number() over (order by connected desc, last_seen_at desc) as overall
          from screens
        ) ranked
        where in_station > ${perStation} or overall > ${total}
      )`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
