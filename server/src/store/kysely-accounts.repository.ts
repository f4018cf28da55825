import type { Kysely } from 'kysely';
import type { ApiToken, Permission, Role, User } from '#shared/auth';
import { AccountsRepository, type SessionRecord, type UserRecord } from '../accounts/accounts.repository';
import type { ApiTokenTable, Database, UserTable } from './database';

const stationsOf = (json: string | null): string[] | null => (json === null ? null : (JSON.parse(json) as string[]));
const stationsTo = (stations: string[] | null): string | null => (stations === null ? null : JSON.stringify(stations));

function toUser(row: UserTable): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role as Role,
    stations: stationsOf(row.stations),
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

function toToken(row: ApiTokenTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    permissions: JSON.parse(row.permissions) as Permission[],
    stations: stationsOf(row.stations),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export class KyselyAccountsRepository extends AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUser).map(({ passwordHash: _, ...user }) => user);
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findUserByName(username: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async insertUser(user: UserRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        password_hash: user.passwordHash,
        role: user.role,
        stations: stationsTo(user.stations),
        created_at: user.createdAt,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async deleteUser(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listTokens(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
    return rows.map(toToken);
  }

  async findTokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async insertToken(token: ApiToken, tokenHash: string): Promise<void> {
    await this.db.insertInto('api_tokens').values(this.tokenRow(token, tokenHash)).execute();
  }

  async upsertToken(token: ApiToken, tokenHash: string): Promise<void> {
    const row = this.tokenRow(token, tokenHash);
    await this.db
      .insertInto('api_tokens')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ token_hash: row.token_hash, permissions: row.permissions, revoked_at: null }))
      .execute();
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async insertSession(tokenHash: string, session: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: tokenHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: new Date().toISOString(), expires_at: session.expiresAt })
      .execute();
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }

  private tokenRow(token: ApiToken, tokenHash: string): ApiTokenTable {
    return {
      id: token.id,
      name: token.name,
      token_hash: tokenHash,
      permissions: JSON.stringify(token.permissions),
      stations: stationsTo(token.stations),
      created_at: token.createdAt,
      revoked_at: token.revokedAt,
      last_used_at: token.lastUsedAt,
    };
  }
}
