import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, of, tap } from 'rxjs';
import { BoardRepository, type IdempotencyRecord } from '../store/board.repository';
import { ApiException, invalidField } from './api-exception';
import { requestContext, type RequestContext } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on writes: a retry with the same key and request gets the original answer
 * and changes nothing; the same key with a different request is refused. The key is claimed in
 * the transaction that stores the change, so even a crash in between cannot apply it twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Writes still answering, by key, so a concurrent retry waits instead of racing the original. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly repository: BoardRepository) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined || SAFE_METHODS.has(req.method)) return next.handle();
    if (!KEY_FORMAT.test(key)) throw invalidField('Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    const fingerprint = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('base64url');

    await this.inFlight.get(key);
    const record = await this.repository.findIdempotency(key);
    if (record) return of(replay(record, fingerprint, res));

    // Runs inside RequestContextInterceptor's context: the first change this request stores claims the key.
    const ctx: RequestContext = requestContext.getStore() ?? {};
    ctx.idempotency = { key, fingerprint, claimed: false };
    let body: unknown;
    this.inFlight.set(key, new Promise<void>((release) => res.once('close', () => this.settle(ctx, res, body).finally(release))));
    return next.handle().pipe(tap((value) => (body = value)));
  }

  /** Records the answer of a write that stored a change, then lets waiting retries see it. */
  private async settle(ctx: RequestContext, res: Response, body: unknown): Promise<void> {
    const claim = ctx.idempotency!;
    try {
      if (claim.claimed) {
        const etag = res.getHeader('etag');
        await this.repository.answerIdempotency(claim.key, {
          status: res.statusCode,
          body: body === undefined ? null : JSON.stringify(body),
          etag: typeof etag === 'string' ? etag : null,
        });
      }
    } finally {
      this.inFlight.delete(claim.key);
    }
  }
}

function replay(record: IdempotencyRecord, fingerprint: string, res: Response): unknown {
  if (record.fingerprint !== fingerprint) {
    throw new ApiException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new change',
    );
  }
  if (record.answer === null) {
    throw new ApiException(
      HttpStatus.CONFLICT,
      'idempotency_key_unanswered',
      'The request with this Idempotency-Key was applied, but its answer was lost in a restart; the change is stored',
    );
  }
  res.status(record.answer.status);
  res.setHeader('Idempotent-Replayed', 'true');
  if (record.answer.etag) res.setHeader('ETag', record.answer.etag);
  return record.answer.body === null ? undefined : JSON.parse(record.answer.body);
}
