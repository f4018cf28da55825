import type { ApiToken, CreatedApiToken, Permission } from '#shared/auth';
import type { Instant } from '../../common/dto/instant';

export class ApiTokenDto implements ApiToken {
  /** @example "tok-5c2e8a9b1f3d" */
  id!: string;
  name!: string;
  permissions!: Permission[];
  /** Station ids the token may change; `null` means every station. */
  stations!: string[] | null;
  createdAt!: Instant;
  revokedAt!: Instant | null;
  lastUsedAt!: Instant | null;
}

export class CreatedApiTokenDto extends ApiTokenDto implements CreatedApiToken {
  /** The secret to send as `Authorization: Bearer <token>`: shown in this answer only, stored hashed. */
  token!: string;
}
