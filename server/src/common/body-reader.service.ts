import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics.service';
import { ApiException, invalidField } from './api-exception';
import { jsonDepth, MAX_JSON_DEPTH, prototypeKeyPath } from './json-body-rules';
import { BodyReadError, contentCoding, declaredLength, hasBody, LARGE_BODY_BYTES, readCappedBody } from './read-capped-body';
import type { RequestBodySpec } from './request-body.decorator';

/** What a feed upload may be sent as: GTFS-Realtime protobuf, or a GTFS zip. */
const BINARY_TYPES = [
  'application/x-protobuf',
  'application/protobuf',
  'application/vnd.google.protobuf',
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
];

/** What a SIRI delivery may be sent as. */
const XML_TYPES = ['application/xml', 'text/xml'];

/**
 * Reads request bodies, after the caller was authenticated and allowed (see `BodyInterceptor`): JSON
 * checked for depth and prototype keys before it is parsed, binary feed uploads as a Buffer. At most
 * `BODY_READS_AT_ONCE` bodies over 64 KiB are read at once, so memory stays bounded under a flood.
 */
@Injectable()
export class BodyReader {
  private largeReads = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    metrics.onScrape(metrics.largeBodyReads, (gauge) => gauge.set(this.largeReads));
  }

  /** The parsed body; `undefined` when none was sent. */
  async read(req: Request, spec: RequestBodySpec): Promise<unknown> {
    if (!hasBody(req)) return undefined;
    const type = mediaType(req);
    if (spec.kind === 'json' && !isJson(type)) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        `Send the request body as application/json, not "${type || 'no Content-Type'}"`,
      );
    }
    if (spec.kind === 'binary' && !BINARY_TYPES.includes(type)) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        `Send the feed as application/x-protobuf (GTFS-Realtime) or application/zip (GTFS), not "${type || 'no Content-Type'}"`,
      );
    }
    if (spec.kind === 'xml' && !XML_TYPES.includes(type)) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        `Send the SIRI delivery as application/xml or text/xml, not "${type || 'no Content-Type'}"`,
      );
    }
    const coding = contentCoding(req);
    if (coding === null) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        `Content-Encoding "${req.headers['content-encoding']}" is not supported; send gzip, deflate, br or none`,
      );
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1].toLowerCase();
    if (spec.kind === 'json' && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        `unsupported charset "${charset.toUpperCase()}"; send JSON as UTF-8`,
      );
    }
    const limit = this.limitOf(spec);
    const declared = declaredLength(req);
    // Refused before a byte is read: a declared size over the limit, or no room for another large body.
    if (declared !== null && declared > limit) throw this.tooLarge(spec, limit);
    let release: (() => void) | null = declared !== null && declared > LARGE_BODY_BYTES ? this.takeSlot() : null;
    try {
      const bytes = await readCappedBody(req, coding, limit, () => (release ??= this.takeSlot())).catch((error: unknown) => {
        throw this.readFailure(error, spec, limit, coding);
      });
      return spec.kind === 'json' ? parseJson(bytes) : bytes;
    } finally {
      release?.();
    }
  }

  private limitOf(spec: RequestBodySpec): number {
    if (spec.limit === 'batch') return this.config.batchBodyLimitBytes;
    if (spec.limit === 'feed') return this.config.feedBodyLimitBytes;
    return this.config.bodyLimitBytes;
  }

  /** One of `BODY_READS_AT_ONCE` slots for a large body, or 503 when all are taken. */
  private takeSlot(): () => void {
    if (this.largeReads >= this.config.bodyReadsAtOnce) {
      this.metrics.largeBodiesRefused.inc();
      const busy = new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'busy',
        `The server is already reading ${this.config.bodyReadsAtOnce} large request bodies (BODY_READS_AT_ONCE); nothing was changed, try again in a moment`,
      );
      throw Object.assign(busy, { retryAfterSeconds: 1 });
    }
    this.largeReads++;
    let released = false;
    return () => {
      if (!released) this.largeReads--;
      released = true;
    };
  }

  private tooLarge(spec: RequestBodySpec, limit: number): ApiException {
    return spec.kind !== 'json'
      ? new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'payload_too_large',
          `The feed is larger than the limit of ${limit} bytes (FEED_BODY_LIMIT_BYTES)`,
        )
      : new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', `The request body is larger than the limit of ${limit} bytes`);
  }

  private readFailure(error: unknown, spec: RequestBodySpec, limit: number, coding: string): unknown {
    if (!(error instanceof BodyReadError)) return error;
    if (error.reason === 'too_large') return this.tooLarge(spec, limit);
    const code = spec.kind === 'json' ? 'invalid_json' : 'invalid_feed';
    if (error.reason === 'bad_coding') {
      return new ApiException(
        HttpStatus.BAD_REQUEST,
        code,
        `The request body is not the ${coding} data its Content-Encoding declares (${error.message})`,
      );
    }
    return new ApiException(HttpStatus.BAD_REQUEST, code, `The request body could not be read: ${error.message}`);
  }
}

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** JSON text to a value: an object or array, nested at most `MAX_JSON_DEPTH` deep, without prototype keys. */
function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  if (jsonDepth(bytes) === null) {
    throw new ApiException(
      HttpStatus.BAD_REQUEST,
      'invalid_json',
      `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  let value: unknown;
  try {
    // TextDecoder drops a byte-order mark, as JSON allows a reader to.
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'invalid_json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object') {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'invalid_json', 'The request body must be a JSON object or array');
  }
  const key = prototypeKeyPath(value);
  if (key !== null) throw invalidField(key, `"${key.split('.').pop()}" is not allowed as a key`);
  return value;
}
