import { SetMetadata } from '@nestjs/common';

export const REQUEST_BODY = 'headway:request-body';

/**
 * How a route's body is read, by `BodyInterceptor` once the caller is authenticated and allowed:
 * `json` (the default), `binary` (a feed upload: protobuf or zip) or `xml` (a SIRI delivery, kept as
 * bytes for the SIRI reader), up to one of the configured limits.
 */
export interface RequestBodySpec {
  kind: 'json' | 'binary' | 'xml';
  /** `body`: BODY_LIMIT_BYTES; `batch`: BATCH_BODY_LIMIT_BYTES; `feed`: FEED_BODY_LIMIT_BYTES. */
  limit: 'body' | 'batch' | 'feed';
}

export const DEFAULT_REQUEST_BODY: RequestBodySpec = { kind: 'json', limit: 'body' };

/** Declares how the route's body is read; routes without it take JSON up to BODY_LIMIT_BYTES. */
export const RequestBody = (spec: RequestBodySpec) => SetMetadata(REQUEST_BODY, spec);
