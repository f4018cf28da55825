import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChangeAuthor, IdempotencyClaim } from '../store/board.repository';

/** Per-request facts that the write path needs but the services should not pass around. */
export interface RequestContext {
  /** Who is making the changes of this request (or job), for the audit log. */
  author?: ChangeAuthor;
  /** Set for a write sent with an `Idempotency-Key`; the first change it stores marks the claim applied. */
  idempotency?: IdempotencyClaim & { applied: boolean };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The author of changes made outside any request: the roll-off, the demo simulator. */
export function systemAuthor(name: string, source: ChangeAuthor['source'] = 'system'): ChangeAuthor {
  return { actor: { kind: 'system', id: name, name }, source };
}

/** The author of a request's changes: people in the console are operators, tokens are feeds. */
export function authorOf(principal: { kind: 'user' | 'token'; id: string; name: string }): ChangeAuthor {
  return {
    actor: { kind: principal.kind, id: principal.id, name: principal.name },
    source: principal.kind === 'user' ? 'operator' : 'feed',
  };
}
