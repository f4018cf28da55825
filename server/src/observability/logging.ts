import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoggerService, RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { redactUrl } from '../common/redact-url';
import type { Metrics } from './metrics.service';

/** A request id from the caller (a proxy's `X-Request-Id`) when it is sane, else a new one; echoed back. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** JSON logs, one line per request (with its id, status and duration) and per event of the app. */
export function loggingOptions(level: string): Params {
  return {
    // A screen's stream lives for hours: a per-request logger held for each of 10,000 screens costs
    // memory for nothing (the fleet view and the metrics say who is connected).
    exclude: [{ method: RequestMethod.GET, path: 'stations/:stationId/board/events' }],
    pinoHttp: {
      level,
      genReqId: requestId,
      // Scrapes and health probes every few seconds would drown everything else.
      autoLogging: { ignore: (req) => req.url === '/metrics' || req.url === '/api/health' },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Secrets never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      serializers: {
        // A credential in a query string (`?token=`, `?api_key=`) is a secret like a header.
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/**
 * The app's logger with one metric on the side: Nest cuts a screen that stops reading its stream
 * and says so only in a warning, so that warning is what counts it.
 */
export class CountingLogger implements LoggerService {
  constructor(
    private readonly inner: LoggerService,
    private readonly metrics: Metrics,
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    if (typeof message === 'string' && message.startsWith('The client is not reading its events')) this.metrics.slowScreensCutOff.inc();
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
}
