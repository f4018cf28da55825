import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { ApiToken } from '#shared/auth';
import { signIn } from '../support/console-session';
import { postgresEngine, type TestStore } from '../support/stores';
import { startTestApp, TEST_ADMIN, TEST_TOKEN, type TestApp } from '../support/test-app';

const NEW_TOKEN = 'a-rotated-admin-token-0123456789';

/** SQLite always; PostgreSQL too when `DATABASE_URL` is set (the token file stays in the data directory either way). */
const engines = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('%s: revoking the bootstrap token lasts across restarts (e2e)', (engine) => {
  let dataDir: string;
  let store: TestStore | null = null;
  let t: TestApp | null = null;
  let warn: jest.SpyInstance;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'headway-bootstrap-'));
    if (engine === 'postgres') store = await postgresEngine(process.env.DATABASE_URL!).create();
    warn = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    warn.mockRestore();
    await store?.drop();
    store = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts (or restarts) the app on the same data directory and store. */
  async function start(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
    await t?.close();
    t = await startTestApp({ ...store?.env, ...env }, {}, { dataDir });
    return t;
  }
  const listTokens = (app: TestApp, token: string) => app.request('/api/tokens', { headers: { authorization: `Bearer ${token}` } });
  const revokeBootstrap = async (app: TestApp, token: string) => {
    const res = await app.request('/api/tokens/tok-bootstrap', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(204);
  };
  const bootstrapWarnings = () =>
    warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('bootstrap token was revoked'));

  it('keeps a revoked BOARD_ADMIN_TOKEN revoked after a restart, and says how to rotate it', async () => {
    await revokeBootstrap(await start(), TEST_TOKEN);
    const app = await start();
    const refused = await listTokens(app, TEST_TOKEN);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'The credentials are not valid' });
    const admin = await signIn(app, TEST_ADMIN.username, TEST_ADMIN.password);
    const listed = (await (await admin.request('/api/tokens')).json()) as ApiToken[];
    expect(listed.find((x) => x.id === 'tok-bootstrap')?.revokedAt).toEqual(expect.any(String));
    expect(bootstrapWarnings()).toEqual([expect.stringContaining('set BOARD_ADMIN_TOKEN to a new value and restart')]);
    expect(bootstrapWarnings().join('\n')).not.toContain(TEST_TOKEN);
  });

  it('gives the bootstrap token back with a new BOARD_ADMIN_TOKEN, and only with the new one', async () => {
    await revokeBootstrap(await start(), TEST_TOKEN);
    const app = await start({ BOARD_ADMIN_TOKEN: NEW_TOKEN });
    expect((await listTokens(app, NEW_TOKEN)).status).toBe(200);
    expect((await listTokens(app, TEST_TOKEN)).status).toBe(401);
    expect(bootstrapWarnings()).toEqual([]);
  });

  it('keeps a revoked value revoked when it is configured again after a rotation', async () => {
    await revokeBootstrap(await start(), TEST_TOKEN);
    await start({ BOARD_ADMIN_TOKEN: NEW_TOKEN });
    const back = await start({ BOARD_ADMIN_TOKEN: TEST_TOKEN });
    expect((await listTokens(back, TEST_TOKEN)).status).toBe(401);
    expect((await listTokens(back, NEW_TOKEN)).status).toBe(401);
    expect(bootstrapWarnings()).toEqual([expect.stringContaining('set BOARD_ADMIN_TOKEN to a new value')]);
  });

  it('does not regenerate a revoked generated token; deleting its file gives a new one', async () => {
    const first = await start({ BOARD_ADMIN_TOKEN: '' });
    const file = join(dataDir, 'admin-token');
    const generated = readFileSync(file, 'utf8').trim();
    await revokeBootstrap(first, generated);

    const again = await start({ BOARD_ADMIN_TOKEN: '' });
    expect(readFileSync(file, 'utf8').trim()).toBe(generated);
    expect((await listTokens(again, generated)).status).toBe(401);
    expect(bootstrapWarnings()).toEqual([expect.stringContaining(`delete ${file}`)]);

    rmSync(file);
    const fresh = await start({ BOARD_ADMIN_TOKEN: '' });
    const regenerated = readFileSync(file, 'utf8').trim();
    expect(regenerated).not.toBe(generated);
    expect((await listTokens(fresh, regenerated)).status).toBe(200);
    expect((await listTokens(fresh, generated)).status).toBe(401);
  });
});
