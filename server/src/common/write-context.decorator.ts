import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { authorOf, type WriteClaim, type WriteContext } from '../board-core/write-context';

/** Where `IdempotencyInterceptor` leaves the key it claimed for this request. */
export type ClaimedRequest = AuthenticatedRequest & { writeClaim?: WriteClaim };

/**
 * The request's `WriteContext`: its principal as the author, and the `Idempotency-Key` claimed for
 * it. A handler takes it as an argument and passes it on to the service, so who makes a change is
 * in every signature on the way to the store.
 */
export const Write = createParamDecorator((_data: unknown, ctx: ExecutionContext): WriteContext => {
  const req = ctx.switchToHttp().getRequest<ClaimedRequest>();
  // Every route that writes boards requires credentials; the guard has run, so a missing principal is a bug.
  if (!req.principal) throw new Error(`${req.method} ${req.path} writes boards but has no principal`);
  return { author: authorOf(req.principal), claim: req.writeClaim };
});
