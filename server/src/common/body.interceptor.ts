import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { isSafeMethod } from '../auth/access.decorator';
import { BodyReader } from './body-reader.service';
import { DEFAULT_REQUEST_BODY, REQUEST_BODY, type RequestBodySpec } from './request-body.decorator';

/**
 * Reads the request body as the route declares, after every guard: an unauthenticated, forbidden or
 * throttled request is answered before a byte of its body is read or inflated. The first interceptor,
 * so the rest (idempotency's fingerprint, say) see the parsed body.
 */
@Injectable()
export class BodyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly reader: BodyReader,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!isSafeMethod(req.method)) {
      const spec = this.reflector.getAllAndOverride<RequestBodySpec | undefined>(REQUEST_BODY, [context.getHandler(), context.getClass()]);
      req.body = await this.reader.read(req, spec ?? DEFAULT_REQUEST_BODY);
    }
    return next.handle();
  }
}
