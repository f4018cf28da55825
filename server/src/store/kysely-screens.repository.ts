import type { Kysely } from 'kysely';
import { type ScreenRecord, ScreensRepository } from '../screens/screens.repository';
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

  async takeReloads(screenIds: string[]): Promise<string[]> {
    const taken: string[] = [];
    for (let i = 0; i < screenIds.length; i += CHUNK) {
      const rows = await this.db
        .updateTable('screens')
        .set({ reload_requested_at: null })
        .where('id', 'in', screenIds.slice(i, i + CHUNK))
        .where('reload_requested_at', 'is not', null)
        .returning('id')
        .execute();
      taken.push(...rows.map((r) => r.id));
    }
    return taken;
  }

  async forget(before: string): Promise<number> {
    const result = await this.db.deleteFrom('screens').where('last_seen_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
