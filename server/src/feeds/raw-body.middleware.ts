import { HttpStatus, Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** What a feed upload may be sent as: GTFS-Realtime protobuf, or a GTFS zip. */
const BINARY_TYPES = ['application/x-protobuf', 'application/protobuf', 'application/vnd.google.protobuf', 'application/octet-stream', 'application/zip', 'application/x-zip-compressed'];

/**
 * Reads binary feed bodies (protobuf, zip) whole, up to `FEED_BODY_LIMIT_BYTES`. A declared
 * `Content-Encoding: gzip` is inflated on the way; other types get a 415 naming the right ones.
 */
@Injectable()
export class RawBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof raw>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.parse = raw({ type: () => true, limit: config.feedBodyLimitBytes, inflate: true });
  }

  /** Rejects (rather than calling `next(err)`) so errors reach the API's error filter and its one shape. */
  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (req.method !== 'POST') return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!BINARY_TYPES.includes(type)) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        `Send the feed as application/x-protobuf (GTFS-Realtime) or application/zip (GTFS), not "${type || 'no Content-Type'}"`,
      );
    }
    await new Promise<void>((resolve, reject) => this.parse(req, res, (err?: unknown) => (err ? reject(toApiException(err)) : resolve())));
    next();
  }
}

function toApiException(err: unknown): unknown {
  const type = (err as { type?: string }).type;
  if (type === 'entity.too.large') {
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', `The feed is larger than the limit of ${(err as { limit?: number }).limit} bytes (FEED_BODY_LIMIT_BYTES)`);
  }
  if (type === 'encoding.unsupported') return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', (err as Error).message);
  if ((err as { status?: number }).status === 400) return new ApiException(HttpStatus.BAD_REQUEST, 'invalid_feed', `The body could not be read: ${(err as Error).message}`);
  return err;
}
