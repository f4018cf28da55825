import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiResponse } from '@nestjs/swagger';
import { wireRef } from './wire-schema';

/*
 * Decorators for what the OpenAPI document cannot infer from a route. Errors every route shares
 * (validation, credentials, idempotency, rate limits, body size) are added by `documentOperations`
 * from the same metadata the guards and interceptors read; declare only what your service throws.
 */

/** An error this route answers, in the API's one error shape; `description` starts with the `error` code. */
export function ApiErrorResponse(status: number, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, content: { 'application/json': { schema: wireRef('ApiError') } } });
}

/** The `ETag` a departure's answer carries: its version, for a later `If-Match`. */
export const ETAG_HEADER = {
  ETag: { description: "The departure's version in quotes, for `If-Match`", schema: { type: 'string', example: '"4"' } },
};

/** An optional `If-Match` that makes the change conditional on the row's version (see common/if-match.ts). */
export function ApiIfMatch(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Change the departure only if it is still at this version: the `ETag` you read, like `"3"` (`*`: any version)',
      schema: { type: 'string', example: '"3"' },
    }),
    ApiErrorResponse(412, '`precondition_failed`: someone changed the departure since the `If-Match` version; reload it and try again'),
  );
}

/**
 * A body that is not JSON, such as `application/x-protobuf` or `application/zip`; Swagger UI
 * offers a file to send. Pair it with the middleware that reads such bodies for the route.
 */
export function ApiRawBody(mediaTypes: string | string[], description: string): MethodDecorator {
  const types = Array.isArray(mediaTypes) ? mediaTypes : [mediaTypes];
  return applyDecorators(ApiConsumes(...types), ApiBody({ description, required: true, schema: { type: 'string', format: 'binary' } }));
}
