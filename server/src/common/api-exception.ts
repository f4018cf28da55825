import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, FieldError } from '#shared/api';

/** An HTTP error that already has the API's one error shape. */
export class ApiException extends HttpException {
  /** Seconds after which the same request may succeed; answered as `Retry-After`. */
  retryAfterSeconds?: number;

  constructor(statusCode: number, error: string, message: string, fields?: FieldError[]) {
    const body: ApiError = fields ? { statusCode, error, message, fields } : { statusCode, error, message };
    super(body, statusCode);
  }
}

export const notFound = (what: string, id: string): ApiException =>
  new ApiException(HttpStatus.NOT_FOUND, 'not_found', `${what} "${id}" does not exist`);

export const invalidFields = (fields: FieldError[]): ApiException =>
  new ApiException(HttpStatus.BAD_REQUEST, 'validation_failed', `The request is invalid: ${fields.map((f) => f.field).join(', ')}`, fields);

export const invalidField = (field: string, message: string): ApiException => invalidFields([{ field, message }]);

/** A refusal the client may try again after `retryAfterSeconds` (sent as `Retry-After`). */
export const tooMany = (error: string, message: string, retryAfterSeconds: number): ApiException =>
  Object.assign(new ApiException(HttpStatus.TOO_MANY_REQUESTS, error, message), { retryAfterSeconds });

export const forbidden = (message: string): ApiException => new ApiException(HttpStatus.FORBIDDEN, 'forbidden', message);
