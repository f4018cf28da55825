import { HttpStatus, Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiException } from './api-exception';

/**
 * Parses JSON bodies inside Nest (not as a bare Express middleware), so an oversized or
 * malformed body reaches the API's error filter and is answered in its one shape.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof json>;
  private readonly parseBatch: ReturnType<typeof json>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.parse = json({ limit: config.bodyLimitBytes });
    this.parseBatch = json({ limit: config.batchBodyLimitBytes });
  }

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = req.originalUrl.split('?')[0];
    // Feed uploads are binary (protobuf, zip) and read by the feeds module's own parser.
    if (req.method === 'POST' && path.startsWith('/api/feeds/')) return Promise.resolve(next());
    const parse = path === '/api/updates' ? this.parseBatch : this.parse;
    return new Promise<void>((resolve, reject) => {
      parse(req, res, (err?: unknown) => (err ? reject(toApiException(err)) : resolve()));
    }).then(() => next());
  }
}

function toApiException(err: unknown): unknown {
  const type = (err as { type?: string }).type;
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', `The request body is larger than the limit of ${limit} bytes`);
  }
  if (type === 'entity.parse.failed') {
    return new ApiException(HttpStatus.BAD_REQUEST, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', (err as Error).message);
  }
  return err;
}
