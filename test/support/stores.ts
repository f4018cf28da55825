import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Client } from 'pg';
import type { Database } from '../../server/src/store/database';
import { openPostgresDatabase } from '../../server/src/store/postgres-database';
import { openSqliteDatabase } from '../../server/src/store/sqlite-database';

/** One empty store of one engine; `open` may be called again to reopen the same store. */
export interface TestStore {
  open(): Promise<Kysely<Database>>;
  /** The store's connection settings, for a server process: `DATA_DIR` or `DATABASE_URL`. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export interface StoreEngine {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestStore>;
}

const sqlite: StoreEngine = {
  name: 'sqlite',
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), 'headway-store-'));
    return {
      open: () => openSqliteDatabase(dataDir),
      env: { DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  },
};

/** A fresh database on the PostgreSQL server of `DATABASE_URL` for each store, dropped afterwards. */
export function postgresEngine(baseUrl: string): StoreEngine {
  return {
    name: 'postgres',
    async create() {
      const name = `headway_test_${randomBytes(6).toString('hex')}`;
      await admin(baseUrl, `create database ${name}`);
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return {
        open: () => openPostgresDatabase(url.toString()),
        env: { DATABASE_URL: url.toString() },
        drop: () => admin(baseUrl, `drop database if exists ${name} with (force)`),
      };
    },
  };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** SQLite always; PostgreSQL too when `DATABASE_URL` is set (CI sets it). */
export function storeEngines(): StoreEngine[] {
  const url = process.env.DATABASE_URL;
  if (!url) console.warn('PostgreSQL store tests SKIPPED: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them');
  return url ? [sqlite, postgresEngine(url)] : [sqlite];
}
