import type { Kysely } from 'kysely';
import { LeasesRepository } from '../board-core/leases.repository';
import type { Database } from './database';

/** Leases on any SQL engine Kysely speaks to: one row per lease, taken by an upsert that only wins when it is free. */
export class KyselyLeasesRepository extends LeasesRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
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
}
