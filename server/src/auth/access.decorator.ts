import { SetMetadata } from '@nestjs/common';
import type { Permission } from '#shared/auth';

export const ACCESS = 'headway:access';

/**
 * What a route needs: a permission for writes (checked against the route's `stationId`, if any),
 * `signed-in` for any principal, or `public`. Reads are public unless the rule is `signed-in` or
 * `admin`. A write route without a rule needs `admin`: new routes are closed until decided.
 */
export type AccessRule = Permission | AnyOf | 'signed-in' | 'public';

/**
 * Any one of these permissions lets the request in; what each part of it then changes is checked
 * by the service (a GTFS-Realtime message carries departures, alerts, or both).
 */
export type AnyOf = readonly Permission[];

export const Access = (rule: AccessRule) => SetMetadata(ACCESS, rule);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a method only reads (no CSRF check, no idempotency, no write limit). */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * What a request with this rule and method must show: `null` for none (anyone may call it),
 * `signed-in` for any principal, or the permission the principal needs. The guard enforces it;
 * the OpenAPI document states it.
 */
export function accessRequirement(rule: AccessRule | undefined, method: string): Permission | AnyOf | 'signed-in' | null {
  if (rule === 'public') return null;
  if (isSafeMethod(method) && rule !== 'signed-in' && rule !== 'admin') return null;
  return rule ?? 'admin';
}
