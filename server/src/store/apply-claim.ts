import type { Transaction } from 'kysely';
import type { IdempotencyClaim } from './board.repository';
import type { Database } from './database';

/** The claim belongs to another request, or was applied already: the write it came with must not be stored. */
export class ClaimTakenError extends Error {}

/**
 * Marks an idempotency claim applied inside the transaction of the change it came with (and claims
 * the key, if no one did yet), so the change and the mark commit together or not at all. On
 * PostgreSQL a concurrent claimer's insert waits here for this transaction, then finds it applied.
 */
export async function applyClaim(trx: Transaction<Database>, claim: IdempotencyClaim): Promise<void> {
  const result = await trx
    .insertInto('idempotency_keys')
    .values({
      scope: claim.scope,
      key: claim.key,
      fingerprint: claim.fingerprint,
      applied: 1,
      status: null,
      body: null,
      etag: null,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key'])
        .doUpdateSet({ applied: 1 })
        .where((eb) => eb.and([eb('idempotency_keys.applied', '=', 0), eb('idempotency_keys.fingerprint', '=', claim.fingerprint)])),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new ClaimTakenError(`Idempotency-Key "${claim.key}" is another request's`);
}
