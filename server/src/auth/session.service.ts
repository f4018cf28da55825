import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Principal, ROLE_PERMISSIONS, type SessionInfo } from '#shared/auth';
import { AccountsRepository } from '../accounts/accounts.repository';
import { newSecret, secretHash } from '../accounts/credentials';
import { hashPassword, verifyPassword } from '../accounts/password';
import { ApiException, tooMany } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SignInBackoff } from './sign-in-backoff';

/** Compared against when the username is unknown, so a wrong name takes as long as a wrong password. */
const DUMMY_HASH = hashPassword('not a password of anyone');

/** Console sign-in: a session per login, found by the hash of its cookie, with its own CSRF token. */
@Injectable()
export class SessionService {
  private readonly backoff = new SignInBackoff();

  constructor(
    private readonly accounts: AccountsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<{ cookie: string; session: SessionInfo }> {
    // Checked before the password, and the same for unknown names: the refusal reveals nothing.
    const wait = this.backoff.waitSeconds(username);
    if (wait > 0) throw tooMany('too_many_requests', `Too many failed sign-ins for this username; try again in ${wait} s`, wait);
    const user = await this.accounts.findUserByName(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !ok) {
      this.backoff.failed(username);
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'invalid_credentials', 'Wrong username or password');
    }
    this.backoff.succeeded(username);
    const cookie = newSecret('');
    const csrfToken = newSecret('');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3_600_000).toISOString();
    await this.accounts.deleteExpiredSessions(new Date().toISOString());
    await this.accounts.insertSession(secretHash(cookie), { userId: user.id, csrfToken, expiresAt });
    return { cookie, session: { principal: this.principalOf(user), csrfToken, expiresAt } };
  }

  /** The live session behind a cookie; `null` when unknown, expired, or its user was deleted. */
  async find(cookie: string): Promise<SessionInfo | null> {
    const hash = secretHash(cookie);
    const session = await this.accounts.findSession(hash);
    if (!session) return null;
    if (session.expiresAt <= new Date().toISOString()) {
      await this.accounts.deleteSession(hash);
      return null;
    }
    const user = await this.accounts.findUserById(session.userId);
    return user ? { principal: this.principalOf(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt } : null;
  }

  async logout(cookie: string): Promise<void> {
    await this.accounts.deleteSession(secretHash(cookie));
  }

  private principalOf(user: { id: string; username: string; role: keyof typeof ROLE_PERMISSIONS; stations: string[] | null }): Principal {
    return { kind: 'user', id: user.id, name: user.username, permissions: ROLE_PERMISSIONS[user.role], stations: user.stations };
  }
}
