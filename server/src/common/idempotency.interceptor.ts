import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, finalize, mergeMap, type Observable, of } from 'rxjs';
import { isSafeMethod } from '../auth/access.decorator';
import { ClaimTakenError } from '../store/apply-claim';
import type { IdempotencyClaim } from '../store/board.repository';
import { invalidField } from './api-exception';
import { answerOf, errorAnswerOf, inProgress, replay } from './idempotency-answers';
import { IdempotencyQueue } from './idempotency-queue';
import { type IdempotencyRecord, IdempotencyRepository } from './idempotency.repository';
import { WriteClaim } from '../board-core/write-context';
import type { ClaimedRequest } from './write-context.decorator';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on every write that needs credentials: a retry with the same key and request
 * gets the original answer and changes nothing; the same key with a different request is refused.
 * Keys are the caller's own (user or token), so no one else's key answers or blocks them. The key
 * is claimed (insert or fail) before the handler runs, so only one request with it does any work,
 * on any instance; the write's first board change applies the claim in its own transaction.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly queue: IdempotencyQueue,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<ClaimedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    // Public writes (sign-in, a screen's beacon) have no caller to own a key: they ignore it, as documented.
    if (key === undefined || isSafeMethod(req.method) || !req.principal) return next.handle();
    if (!KEY_FORMAT.test(key)) throw invalidField('Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    const claim: IdempotencyClaim = { scope: `${req.principal.kind}:${req.principal.id}`, key, fingerprint: fingerprintOf(req) };

    const release = await this.queue.hold(`${claim.scope}\n${key}`);
    let first: IdempotencyRecord | null;
    try {
      first = await this.keys.claim(claim, new Date());
    } catch (error) {
      release();
      throw error;
    }
    if (first) {
      release();
      return of(replay(first, claim.fingerprint, res, new Date()));
    }

    // The handler hands the claim to its write (`@Write()`), whose first stored change applies it.
    const owned = new WriteClaim(claim);
    req.writeClaim = owned;
    return next.handle().pipe(
      // The answer is stored before it is sent, so a retry after it can only find it.
      mergeMap(async (body: unknown) => {
        await this.keys.answer(claim, answerOf(res, body));
        return body;
      }),
      catchError(async (error: unknown) => {
        // Nothing stored: the key is free again for a corrected request. Stored: its answer is this error.
        await (owned.applied ? this.keys.answer(claim, errorAnswerOf(error)) : this.keys.release(claim));
        throw error instanceof ClaimTakenError ? inProgress(res) : error;
      }),
      finalize(release),
    );
  }
}

/** What makes two requests "the same": method, URL and body (binary feed bodies by their bytes). */
function fingerprintOf(req: ClaimedRequest): string {
  const hash = createHash('sha256').update(`${req.method} ${req.originalUrl}\n`);
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) hash.update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('base64url');
}
