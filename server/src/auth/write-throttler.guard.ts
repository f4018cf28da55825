import { type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedRequest } from './auth.guard';

export const LOGIN_THROTTLER = 'login';
export const WRITES_THROTTLER = 'writes';

/**
 * Rate limits where abuse costs: sign-in attempts per client address (against password guessing),
 * and writes per principal (a runaway feed). Reads, and the screens' streams, are never throttled:
 * a station's screens may all share one address.
 */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const req = props.context.switchToHttp().getRequest<AuthenticatedRequest>();
    const login = isLogin(req);
    if (props.throttler.name === LOGIN_THROTTLER ? !login : login || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    return super.handleRequest(props);
  }

  protected override async getTracker(req: AuthenticatedRequest): Promise<string> {
    return req.principal ? `${req.principal.kind}:${req.principal.id}` : (req.ip ?? 'unknown');
  }

  /** The standard `Retry-After` header (the library names it per throttler) and the API's error shape. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    const what = isLogin(context.switchToHttp().getRequest<AuthenticatedRequest>()) ? 'sign-in attempts' : 'writes';
    throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'too_many_requests', `Too many ${what}; try again in ${seconds} s`);
  }

  protected override async shouldSkip(_context: ExecutionContext): Promise<boolean> {
    return false;
  }
}

function isLogin(req: AuthenticatedRequest): boolean {
  return req.path === '/api/auth/login';
}
