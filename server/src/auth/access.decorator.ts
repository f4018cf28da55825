import { SetMetadata } from '@nestjs/common';
import type { Permission } from '#shared/auth';

export const ACCESS = 'headway:access';

/**
 * What a route needs: a permission for writes (checked against the route's `stationId`, if any),
 * `signed-in` for any principal, or `public`. Reads are public unless the rule is `signed-in` or
 * `admin`. A write route without a rule needs `admin`: new routes are closed until decided.
 */
export type AccessRule = Permission | 'signed-in' | 'public';

export const Access = (rule: AccessRule) => SetMetadata(ACCESS, rule);
