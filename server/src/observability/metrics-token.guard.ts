import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * `/metrics` names stations, feeds and load: with `METRICS_TOKEN` set, a scraper must send it as
 * `Authorization: Bearer <token>`. Compared as hashes in constant time, so timing tells nothing of it.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metricsToken === null ? null : digest(config.metricsToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === null) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const sent = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (sent !== undefined && timingSafeEqual(digest(sent), this.expected)) return true;
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="headway-metrics"');
    throw new ApiException(
      HttpStatus.UNAUTHORIZED,
      'unauthorized',
      sent === undefined ? 'Metrics need an "Authorization: Bearer <METRICS_TOKEN>" header' : 'The metrics token is not valid',
    );
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
