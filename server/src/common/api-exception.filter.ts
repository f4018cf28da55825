import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ApiError } from '#shared/api';
import { ApiException } from './api-exception';
import { isStoreUnavailable } from './store-errors';

/** Turns every error into the API's one JSON shape; unexpected errors are logged and answered 500 without details. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (response.headersSent) {
      // A stream already started: nothing can be answered any more, only the connection ended.
      response.end();
      return;
    }
    // The database is down: nothing was changed, and trying again shortly is the right thing to do.
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    if (exception instanceof ApiException && exception.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      if (isApiError(payload)) return payload;
      const statusCode = exception.getStatus();
      return { statusCode, error: codeFor(statusCode), message: exception.message };
    }
    if (isStoreUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'store_unavailable',
        message: 'The database cannot be reached, so nothing was changed; try again in a few seconds',
      };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: 'internal_error', message: 'Something went wrong on the server' };
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'statusCode' in value &&
    'error' in value &&
    'message' in value &&
    typeof (value as ApiError).error === 'string' &&
    /^[a-z_]+$/.test((value as ApiError).error)
  );
}

/** `404` -> `not_found`: the stable code for statuses raised by Nest itself (unknown routes, say). */
function codeFor(statusCode: number): string {
  return (STATUS_CODES[statusCode] ?? 'error')
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_|_$/g, '');
}
