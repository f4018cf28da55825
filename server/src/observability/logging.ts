import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type pino from 'pino';
import { pinoHttp } from 'pino-http';
import { redactUrl } from '../common/redact-url';
import type { Metrics } from './metrics.service';

/** A request id from the caller (a proxy's `X-Request-Id`) when it is sane, else a new one; echoed back. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** A screen's stream lives for hours: a per-request logger held for each of 10,000 screens costs memory for nothing (the fleet view and the metrics say who is connected). */
const STREAM_PATH = /^\/api\/stations\/[^/?]+\/board\/events(?:[?]|$)/;

/** The request log (pino-http) and the one pino logger it writes with, which the app's logger shares. */
export interface RequestLog {
  middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  logger: pino.BaseLogger;
}

/**
 * JSON logs, one line per request (with its id, status and duration) and per event of the app.
 *
 * pino-http directly, not nestjs-pino: that one runs every request in an AsyncLocalStorage, and on
 * Node 20 a single `run` turns on async hooks for the life of the process, so every promise and
 * every socket write of every screen paid for a request context (~3–5% of the server's CPU in the
 * bench profiles) that only a request's own log lines used. A line of the app's says its context
 * (the class) instead; a request's line has the request id.
 */
export function requestLog(level: string): RequestLog {
  const http = pinoHttp({
    level,
    genReqId: requestId,
    // Scrapes and health probes every few seconds would drown everything else.
    autoLogging: { ignore: (req) => req.url === '/metrics' || req.url === '/api/health' },
    customLogLevel: (_req, res, error): pino.LevelWithSilent =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
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
  });
  return {
    middleware: (req, res, next) => (STREAM_PATH.test(req.url ?? '') ? next() : http(req, res, next)),
    logger: http.logger,
  };
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's LoggerService over pino, as nestjs-pino wrote its lines: Nest passes a logger's context
 * (the class name) last, and its exception handlers pass a stack before it.
 */
export class PinoAppLogger implements LoggerService {
  constructor(private readonly pino: pino.BaseLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const fields: Record<string, unknown> = rest.length > 0 ? { context: rest[rest.length - 1] } : {};
    const params = rest.slice(0, -1);
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message });
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else if (level === 'error' && params.length === 1 && typeof params[0] === 'string' && params[0].includes('\n    at ')) {
      // An exception handler's (message, stack, context): the stack as the error's own.
      const err = new Error(String(message));
      err.stack = params[0];
      this.pino[level]({ ...fields, err });
    } else {
      this.pino[level](fields, [String(message), ...params.map(String)].join(' '));
    }
  }
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
