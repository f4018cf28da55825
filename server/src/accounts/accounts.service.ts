import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type ApiToken,
  type CreatedApiToken,
  type CreateTokenBody,
  type CreateUserBody,
  type Principal,
  ROLE_PERMISSIONS,
  type User,
} from '#shared/auth';
import { ApiException, notFound } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdminTokenService } from '../auth/admin-token.service';
import { AccountsRepository, type UserRecord } from './accounts.repository';
import { newId, newSecret, secretHash } from './credentials';
import { hashPassword } from './password';

/** The token from `BOARD_ADMIN_TOKEN` (or generated at first start) is this API token. */
export const BOOTSTRAP_TOKEN_ID = 'tok-bootstrap';

/** Users and API tokens: creating, listing, revoking, and turning a token into a principal. */
@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');
  /** Set when this start created the first admin with a generated password, for `main` to print once. */
  generatedAdmin: { username: string; password: string } | null = null;
  /** Whether the bootstrap token is revoked, so `main` does not point at a token that no longer works. */
  bootstrapTokenRevoked = false;

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly adminToken: AdminTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date().toISOString();
    const bootstrap = await this.accounts.ensureToken(
      {
        id: BOOTSTRAP_TOKEN_ID,
        name: 'bootstrap',
        permissions: ROLE_PERMISSIONS.admin,
        stations: null,
        createdAt: now,
        revokedAt: null,
        lastUsedAt: null,
      },
      this.adminToken.hash,
    );
    this.bootstrapTokenRevoked = bootstrap.revokedAt !== null;
    if (bootstrap.revokedAt !== null) this.logger.warn(this.bootstrapRevoked(bootstrap.revokedAt));
    if ((await this.accounts.countUsers()) === 0) {
      const password = this.config.adminPassword ?? newSecret('').slice(0, 20);
      try {
        await this.createUser({ username: this.config.adminUsername, password, role: 'admin', stations: null });
      } catch (error) {
        // Another instance starting at the same time on the shared store created it first.
        if (error instanceof ApiException && error.getStatus() === HttpStatus.CONFLICT) return;
        throw error;
      }
      if (!this.config.adminPassword) this.generatedAdmin = { username: this.config.adminUsername, password };
      this.logger.log(`Created the first admin account "${this.config.adminUsername}"`);
    }
  }

  /** A revoked bootstrap token stays revoked while its secret is configured; this says how to get a new one. */
  private bootstrapRevoked(at: string): string {
    const rotate =
      this.adminToken.source === 'environment'
        ? 'set BOARD_ADMIN_TOKEN to a new value and restart'
        : `delete ${this.adminToken.tokenFile} (a new token is generated and printed at the next start) or set BOARD_ADMIN_TOKEN to a new value, and restart`;
    return `The bootstrap token was revoked at ${at} and stays revoked; to have one again, ${rotate}`;
  }

  listUsers(): Promise<User[]> {
    return this.accounts.listUsers();
  }

  async createUser(body: CreateUserBody): Promise<User> {
    const record: UserRecord = {
      id: newId('usr-'),
      username: body.username,
      role: body.role,
      stations: body.stations ?? null,
      createdAt: new Date().toISOString(),
      passwordHash: await hashPassword(body.password),
    };
    if (!(await this.accounts.insertUser(record))) {
      throw new ApiException(HttpStatus.CONFLICT, 'conflict', `A user named "${body.username}" already exists`, [
        { field: 'username', message: 'username is taken' },
      ]);
    }
    const { passwordHash: _, ...user } = record;
    return user;
  }

  async deleteUser(id: string, by: Principal): Promise<void> {
    if (by.kind === 'user' && by.id === id) {
      throw new ApiException(HttpStatus.CONFLICT, 'conflict', 'You cannot delete your own account');
    }
    if (!(await this.accounts.deleteUser(id))) throw notFound('User', id);
  }

  listTokens(): Promise<ApiToken[]> {
    return this.accounts.listTokens();
  }

  async createToken(body: CreateTokenBody): Promise<CreatedApiToken> {
    const secret = newSecret('hw_');
    const token: ApiToken = {
      id: newId('tok-'),
      name: body.name,
      permissions: [...new Set(body.permissions)],
      stations: body.stations ?? null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.accounts.insertToken(token, secretHash(secret));
    return { ...token, token: secret };
  }

  async revokeToken(id: string): Promise<void> {
    if (!(await this.accounts.revokeToken(id, new Date().toISOString()))) throw notFound('Token', id);
  }

  /** The principal a user or token is now, by id; `null` once it is deleted or revoked. */
  async principalFor(ref: { kind: 'user' | 'token'; id: string }): Promise<Principal | null> {
    if (ref.kind === 'user') {
      const user = await this.accounts.findUserById(ref.id);
      return user && { kind: 'user', id: user.id, name: user.username, permissions: ROLE_PERMISSIONS[user.role], stations: user.stations };
    }
    const token = (await this.accounts.listTokens()).find((t) => t.id === ref.id);
    return token && token.revokedAt === null
      ? { kind: 'token', id: token.id, name: token.name, permissions: token.permissions, stations: token.stations }
      : null;
  }

  /** The principal a bearer token stands for; `null` for an unknown or revoked one. */
  async principalForToken(secret: string): Promise<Principal | null> {
    const token = await this.accounts.findTokenByHash(secretHash(secret));
    if (!token || token.revokedAt !== null) return null;
    // Last use is informational: written at most once a minute per token, never in the request's way.
    if (!token.lastUsedAt || Date.now() - Date.parse(token.lastUsedAt) > 60_000) {
      void this.accounts.touchToken(token.id, new Date().toISOString()).catch(() => undefined);
    }
    return { kind: 'token', id: token.id, name: token.name, permissions: token.permissions, stations: token.stations };
  }
}
