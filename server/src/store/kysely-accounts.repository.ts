import { type Kysely, sql } from 'kysely';
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
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
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

  async ensureToken(token: ApiToken, tokenHash: string): Promise<ApiToken> {
    return this.db.transaction().execute(async (trx) => {
      const revoked = await trx.selectFrom('revoked_secrets').select('revoked_at').where('token_hash', '=', tokenHash).executeTakeFirst();
      const row = { ...this.tokenRow(token, tokenHash), revoked_at: revoked?.revoked_at ?? null };
      // The same secret keeps its row's revocation; a changed one is revoked only if it ever was (a rotation back to it).
      await trx
        .insertInto('api_tokens')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            token_hash: eb.ref('excluded.token_hash'),
            permissions: eb.ref('excluded.permissions'),
            revoked_at: sql<
              string | null
            >`case when api_tokens.token_hash = excluded.token_hash then api_tokens.revoked_at else excluded.revoked_at end`,
          })),
        )
        .execute();
      return toToken(await trx.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow());
    });
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx
        .insertInto('revoked_secrets')
        .columns(['token_hash', 'revoked_at'])
        .expression((eb) => eb.selectFrom('api_tokens').select(['token_hash', 'revoked_at']).where('id', '=', id))
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .execute();
      return true;
    });
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async insertSession(tokenHash: string, session: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: new Date().toISOString(),
        expires_at: session.expiresAt,
      })
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
