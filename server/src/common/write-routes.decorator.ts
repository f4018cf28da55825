import { UseInterceptors } from '@nestjs/common';
import { BodyInterceptor } from './body.interceptor';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** In the order they run: the body (once every guard let the request in), then idempotency. */
export const WRITE_INTERCEPTORS = [BodyInterceptor, IdempotencyInterceptor] as const;

/**
 * On every controller with a write route (test/unit/write-interceptors.spec.ts checks that none lacks it).
 * Bound per controller rather than globally: every interceptor wraps each message of a screen's
 * stream in another Observable layer, and streams need none of them.
 */
export const WriteRoutes = (): ClassDecorator & MethodDecorator => UseInterceptors(...WRITE_INTERCEPTORS);
