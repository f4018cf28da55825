import { type ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import type { Response } from 'express';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { ApiException } from '../common/api-exception';
import { isSafeMethod } from './access.decorator';
import type { AuthenticatedRequest } from './auth.guard';

export const LOGIN_THROTTLER = 'login';
export const WRITES_THROTTLER = 'writes';

const THROTTLED_AS = 'headway:throttled-as';

/**
 * Counts the route's requests as sign-in attempts (per client address) instead of writes. Bound to the
 * handler, not to a path string, so `/api/auth/login/` or `/API/auth/login` count the same.
 */
export const SignInAttempts = () => SetMetadata(THROTTLED_AS, LOGIN_THROTTLER);

/**
 * Rate limits where abuse costs: sign-in attempts per client address (against password guessing),
 * and writes per principal (a runaway feed), across all write routes. Reads, and the screens'
 * streams, are never throttled: a station's screens may all share one address.
 */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  /** Reads (every screen's stream open among them) skip the library's per-throttler lookups altogether. */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.throttlerOf(context) === null) return true;
    return super.canActivate(context);
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name !== this.throttlerOf(props.context)) return true;
    return super.handleRequest(props);
  }

  /** Which limit the route counts against, by its handler's metadata; `null` for reads. */
  private throttlerOf(context: ExecutionContext): string | null {
    const named = this.reflector.getAllAndOverride<string | undefined>(THROTTLED_AS, [context.getHandler(), context.getClass()]);
    if (named) return named;
    return isSafeMethod(context.switchToHttp().getRequest<AuthenticatedRequest>().method) ? null : WRITES_THROTTLER;
  }

  protected override async getTracker(req: AuthenticatedRequest): Promise<string> {
    return req.principal ? `${req.principal.kind}:${req.principal.id}` : (req.ip ?? 'unknown');
  }

  /** One budget per caller and limit, whichever route spends it (the library's default keys by handler). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  /** The standard `Retry-After` header (the library names it per throttler) and the API's error shape. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    const what = this.throttlerOf(context) === LOGIN_THROTTLER ? 'sign-in attempts' : 'writes';
    throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'too_many_requests', `Too many ${what}; try again in ${seconds} s`);
  }

  protected override async shouldSkip(_context: ExecutionContext): Promise<boolean> {
    return false;
  }
}
