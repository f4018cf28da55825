import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { mayChange, type Principal } from '#shared/auth';
import { AccountsService } from '../accounts/accounts.service';
import { ApiException } from '../common/api-exception';
import { ACCESS, type AccessRule, accessRequirement, isSafeMethod } from './access.decorator';
import { readCookie, SESSION_COOKIE } from './cookies';
import { SessionService } from './session.service';

/** The request's principal, set by `AuthGuard` for the code after it. */
export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Who is calling, and may they? A bearer token (feeds) or the session cookie (console). Board
 * reads are public; a write needs a principal with the route's permission at the route's station, and a
 * cookie-authenticated write also needs the session's CSRF token in `X-CSRF-Token`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (rule === 'public') return true;
    const auth = await this.authenticate(req);
    req.principal = auth?.principal;
    // Reads are public, except the console's own data (accounts, audit).
    const permission = accessRequirement(rule, req.method);
    if (permission === null) return true;
    if (!auth) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="headway"');
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        auth === null
          ? 'The credentials are not valid'
          : 'This request needs an "Authorization: Bearer <token>" header or a console session',
      );
    }
    if (!isSafeMethod(req.method) && auth.csrfToken !== undefined && req.header('x-csrf-token') !== auth.csrfToken) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'csrf_failed', "A console write needs the session's X-CSRF-Token header");
    }
    if (permission === 'signed-in') return true;
    const stationId = typeof req.params.stationId === 'string' ? req.params.stationId : undefined;
    const anyOf = typeof permission === 'string' ? [permission] : permission;
    if (!anyOf.some((p) => mayChange(auth.principal, p, stationId))) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `${auth.principal.kind === 'user' ? 'User' : 'Token'} "${auth.principal.name}" may not change ${anyOf.join(' or ')}${stationId && !anyOf.includes('admin') ? ` at station "${stationId}"` : ''}`,
      );
    }
    return true;
  }

  /** `undefined`: no credentials given; `null`: credentials given but not valid. */
  private async authenticate(req: Request): Promise<{ principal: Principal; csrfToken?: string } | null | undefined> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const principal = match ? await this.accounts.principalForToken(match[1]) : null;
      return principal ? { principal } : null;
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie === null) return undefined;
    const session = await this.sessions.find(cookie);
    return session ? { principal: session.principal, csrfToken: session.csrfToken } : null;
  }
}
