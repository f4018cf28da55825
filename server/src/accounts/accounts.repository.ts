import type { ApiToken, Permission, Role, User } from '#shared/auth';

export interface UserRecord extends User {
  passwordHash: string;
}

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

/** Users, API tokens and sessions: the only code that reads or writes them. */
export abstract class AccountsRepository {
  abstract countUsers(): Promise<number>;
  abstract listUsers(): Promise<User[]>;
  abstract findUserById(id: string): Promise<UserRecord | null>;
  abstract findUserByName(username: string): Promise<UserRecord | null>;
  /** `false` when the username is taken. */
  abstract insertUser(user: UserRecord): Promise<boolean>;
  abstract deleteUser(id: string): Promise<boolean>;

  abstract listTokens(): Promise<ApiToken[]>;
  abstract findTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  abstract insertToken(token: ApiToken, tokenHash: string): Promise<void>;
  /**
   * Creates the token with this id, or gives it this secret and these permissions (the bootstrap
   * token, whose secret comes from the environment). A secret once revoked stays revoked, also
   * when it is configured again after another: only a never-revoked secret lifts a revocation.
   * Answers the token as stored.
   */
  abstract ensureToken(token: ApiToken, tokenHash: string): Promise<ApiToken>;
  /** Revokes the token and remembers its secret as revoked for good; `false` for an unknown or already revoked one. */
  abstract revokeToken(id: string, at: string): Promise<boolean>;
  abstract touchToken(id: string, at: string): Promise<void>;

  abstract insertSession(tokenHash: string, session: SessionRecord): Promise<void>;
  abstract findSession(tokenHash: string): Promise<SessionRecord | null>;
  abstract deleteSession(tokenHash: string): Promise<void>;
  abstract deleteExpiredSessions(now: string): Promise<void>;
}

export type { Permission, Role };
