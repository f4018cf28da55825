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

/** `SessionState`: `signedIn`, and when it is true the session's fields. */
export class SessionStateDto {
  /** Whether this browser's cookie names a session that is still valid. */
  signedIn!: boolean;
  principal?: PrincipalDto;
  csrfToken?: string;
  expiresAt?: Instant;
}
