import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiException } from '../common/api-exception';
import { AdminTokenService } from './admin-token.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads are public; every other method needs `Authorization: Bearer <token>`. Registered
 * globally so a new write route cannot be left open by forgetting a decorator.
 */
@Injectable()
export class WriteAuthGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method)) return true;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match && this.tokens.matches(match[1])) return true;
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="headway"');
    throw new ApiException(
      HttpStatus.UNAUTHORIZED,
      'unauthorized',
      match ? 'The bearer token is not valid' : 'This request needs an "Authorization: Bearer <token>" header',
    );
  }
}
