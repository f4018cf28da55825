import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { authorOf, requestContext, type RequestContext } from './request-context';

/** Runs each request's handler inside its own context, so the write path knows who is writing. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Reads change nothing, and a screen's stream lives for hours: no context to carry for it.
    if (req.method === 'GET' || req.method === 'HEAD') return next.handle();
    const store: RequestContext = req.principal ? { author: authorOf(req.principal) } : {};
    return new Observable((subscriber) => requestContext.run(store, () => next.handle().subscribe(subscriber)));
  }
}
