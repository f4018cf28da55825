import type { Kysely, Selectable } from 'kysely';
import { type IdempotencyRecord, IdempotencyRepository } from '../common/idempotency.repository';
import type { IdempotencyClaim } from './board.repository';
import type { Database, IdempotencyKeyTable } from './database';

export class KyselyIdempotencyRepository extends IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async claim(claim: IdempotencyClaim, at: Date): Promise<IdempotencyRecord | null> {
    // A claim released between our insert and our read leaves nothing to read: try again.
    for (let attempt = 1; ; attempt++) {
      const inserted = await this.db
        .insertInto('idempotency_keys')
        .values({
          scope: claim.scope,
          key: claim.key,
          fingerprint: claim.fingerprint,
          status: null,
          body: null,
          etag: null,
          created_at: at.toISOString(),
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return null;
      const row = await this.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .executeTakeFirst();
      if (row) return toRecord(row);
      if (attempt >= 3) throw new Error(`Idempotency-Key "${claim.key}" keeps being claimed and released`);
    }
  }

  async answer(claim: IdempotencyClaim, answer: NonNullable<IdempotencyRecord['answer']>): Promise<void> {
    await this.db.updateTable('idempotency_keys').set(answer).where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .where('applied', '=', 0)
      .where('status', 'is', null)
      .execute();
  }

  async trim(before: Date): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', before.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toRecord(row: Selectable<IdempotencyKeyTable>): IdempotencyRecord {
  return {
    scope: row.scope,
    key: row.key,
    fingerprint: row.fingerprint,
    applied: Number(row.applied) === 1,
    answer: row.status === null ? null : { status: Number(row.status), body: row.body, etag: row.etag },
    createdAt: row.created_at,
  };
}
