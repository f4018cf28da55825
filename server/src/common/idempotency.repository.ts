import type { IdempotencyClaim } from '../store/board.repository';

/** What the store remembers of an idempotent write; `answer` is missing until the write has answered. */
export interface IdempotencyRecord extends IdempotencyClaim {
  /** A board change of the request was stored. */
  applied: boolean;
  answer: { status: number; body: string | null; etag: string | null } | null;
  /** When the key was claimed (ISO 8601). */
  createdAt: string;
}

/** Idempotency keys, per caller: the only code that reads or writes them. */
export abstract class IdempotencyRepository {
  /**
   * Claims the key for this request, atomically (insert or fail): `null` when this request has it
   * now, else the record of the request that claimed it first (maybe still running).
   */
  abstract claim(claim: IdempotencyClaim, at: Date): Promise<IdempotencyRecord | null>;
  /** Records the answer given to the write that claimed the key. */
  abstract answer(claim: IdempotencyClaim, answer: NonNullable<IdempotencyRecord['answer']>): Promise<void>;
  /** Gives up a claim whose request failed before storing anything, so a corrected retry may use the key. */
  abstract release(claim: IdempotencyClaim): Promise<void>;
  /** Forgets keys claimed before `before`. */
  abstract trim(before: Date): Promise<number>;
}
