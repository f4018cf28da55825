import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
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
    const isLogin = req.path === '/api/auth/login';
    if (props.throttler.name === LOGIN_THROTTLER ? !isLogin : isLogin || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    return super.handleRequest(props);
  }

  protected override async getTracker(req: AuthenticatedRequest): Promise<string> {
    return req.principal ? `${req.principal.kind}:${req.principal.id}` : (req.ip ?? 'unknown');
  }

  protected override async shouldSkip(_context: ExecutionContext): Promise<boolean> {
    return false;
  }
}
