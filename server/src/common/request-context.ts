import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdempotencyClaim } from '../store/board.repository';

/** Per-request facts that the write path needs but the services should not pass around. */
export interface RequestContext {
  /** Set for a write sent with an `Idempotency-Key`; the first change it stores claims the key. */
  idempotency?: IdempotencyClaim & { claimed: boolean };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
