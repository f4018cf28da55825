import type { ChangeAuthor, IdempotencyClaim } from '../store/board.repository';

/**
 * An `Idempotency-Key` claimed for one request. The write owns it: the first change the write
 * stores carries it into the change's own transaction, so a key is applied together with its
 * change or not at all; afterwards the edge reads `applied` to know whether the key's answer is
 * this request's (store it) or the key is free again (release it).
 */
export class WriteClaim {
  private stored = false;

  constructor(readonly claim: IdempotencyClaim) {}

  /** Whether a change carrying this claim has committed. */
  get applied(): boolean {
    return this.stored;
  }

  /** The claim to store with the next append, or nothing once one has carried it. */
  pending(): IdempotencyClaim | undefined {
    return this.stored ? undefined : this.claim;
  }

  /** Called by the writer once an append carrying `pending()` committed. */
  markApplied(): void {
    this.stored = true;
  }
}

/**
 * Who makes a write, and the key it was sent with: built at the edge (a request's principal, or
 * a job's own name) and handed to `BoardWriter.transact`, never looked up from ambient state.
 */
export interface WriteContext {
  readonly author: ChangeAuthor;
  readonly claim?: WriteClaim;
}

/** The author of changes made outside any request: the roll-off, the demo simulator, a feed poll. */
export function systemAuthor(name: string, source: ChangeAuthor['source'] = 'system'): ChangeAuthor {
  return { actor: { kind: 'system', id: name, name }, source };
}

/** A job's writes: no request, no key. */
export function systemWrite(name: string, source: ChangeAuthor['source'] = 'system'): WriteContext {
  return { author: systemAuthor(name, source) };
}

/** The author of a request's changes: people in the console are operators, tokens are feeds. */
export function authorOf(principal: { kind: 'user' | 'token'; id: string; name: string }): ChangeAuthor {
  return {
    actor: { kind: principal.kind, id: principal.id, name: principal.name },
    source: principal.kind === 'user' ? 'operator' : 'feed',
  };
}

/** The same write recorded as feed data (a console admin uploading a schedule, say). */
export function asFeed(context: WriteContext): WriteContext {
  return { ...context, author: { ...context.author, source: 'feed' } };
}
