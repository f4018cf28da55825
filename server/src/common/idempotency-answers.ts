import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { ApiException } from './api-exception';
import type { IdempotencyRecord } from './idempotency.repository';

type Answer = NonNullable<IdempotencyRecord['answer']>;

/** A claim without an answer after this long was cut off (a crash or restart), not still running. */
const RUNNING_AT_MOST_MS = 10 * 60_000;
/** How soon a retry of a request still running elsewhere may find its answer. */
const RETRY_AFTER_SECONDS = 1;

/** The answer a handler gave, as it will be sent (status and ETag are set by the time it returns). */
export function answerOf(res: Response, body: unknown): Answer {
  const etag = res.getHeader('etag');
  return { status: res.statusCode, body: body === undefined ? null : JSON.stringify(body), etag: typeof etag === 'string' ? etag : null };
}

/** The answer to store for a request that failed after it had stored a change. */
export function errorAnswerOf(error: unknown): Answer {
  if (error instanceof HttpException) return { status: error.getStatus(), body: JSON.stringify(error.getResponse()), etag: null };
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return {
    status,
    body: JSON.stringify({ statusCode: status, error: 'internal_error', message: 'Something went wrong on the server' }),
    etag: null,
  };
}

/** 409 for a retry of a request with this key that has not answered yet (on another instance). */
export function inProgress(res: Response): ApiException {
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  return new ApiException(
    HttpStatus.CONFLICT,
    'idempotency_in_progress',
    'A request with this Idempotency-Key is still being processed; retry after Retry-After seconds to get its answer',
  );
}

/** What a request gets whose key a request of the same caller claimed first: that answer, or why not. */
export function replay(record: IdempotencyRecord, fingerprint: string, res: Response, now: Date): unknown {
  if (record.fingerprint !== fingerprint) {
    throw new ApiException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new change',
    );
  }
  if (record.answer === null) {
    if (now.getTime() - Date.parse(record.createdAt) < RUNNING_AT_MOST_MS) throw inProgress(res);
    throw new ApiException(
      HttpStatus.CONFLICT,
      'idempotency_key_unanswered',
      record.applied
        ? 'The request with this Idempotency-Key was applied, but its answer was lost in a restart; the change is stored'
        : 'The request with this Idempotency-Key was cut off by a restart before it answered; check whether it took effect, then use a new key',
    );
  }
  res.status(record.answer.status);
  res.setHeader('Idempotent-Replayed', 'true');
  if (record.answer.etag) res.setHeader('ETag', record.answer.etag);
  return record.answer.body === null ? undefined : JSON.parse(record.answer.body);
}
