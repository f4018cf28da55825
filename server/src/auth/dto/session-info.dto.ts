import type { Permission, Principal, SessionInfo } from '#shared/auth';
import type { Instant } from '../../common/dto/instant';

export class PrincipalDto implements Principal {
  kind!: 'user' | 'token';
  id!: string;
  name!: string;
  permissions!: Permission[];
  stations!: string[] | null;
}

export class SessionInfoDto implements SessionInfo {
  principal!: PrincipalDto;
  csrfToken!: string;
  expiresAt!: Instant;
}
