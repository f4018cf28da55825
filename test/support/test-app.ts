import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../server/src/app';
import { type AppConfig, loadConfig } from '../../server/src/config/app-config';
import { departureBody } from './factories';

export const TEST_TOKEN = 'test-token-0123456789abcdef';
export const TEST_ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

/** The real app on port 0 with its own data directory, no demo data and no simulator. */
export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  config: AppConfig;
  /** fetch against the app; `auth: true` adds the bearer token. */
  request(path: string, init?: RequestInit & { auth?: boolean; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** `dataDir` and `port` let a test restart the app on the same store and address; such a store is kept. */
export async function startTestApp(
  env: NodeJS.ProcessEnv = {},
  overrides: Partial<AppConfig> = {},
  restart: { dataDir?: string; port?: number } = {},
): Promise<TestApp> {
  const dataDir = restart.dataDir ?? mkdtempSync(join(tmpdir(), 'headway-test-'));
  const config = {
    ...loadConfig({
      DATA_DIR: dataDir,
      BOARD_ADMIN_TOKEN: TEST_TOKEN,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      DEMO: 'off',
      SIMULATOR: 'off',
      PORT: '0',
      // The app runs in a test process that shares two cores with browsers and other suites, so its
      // event loop is sometimes late for seconds. Refusing writes while behind is the overload
      // test's subject (it sets its own limit); elsewhere a busy machine must not turn writes into 503s.
      WRITE_MAX_LAG_MS: '60000',
      ...env,
    }),
    webDir: null,
    ...overrides,
  };
  const app = await createApp(config, false);
  await app.listen(restart.port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  let closed = false;
  return {
    app,
    baseUrl,
    config,
    request(path, init = {}) {
      const { auth, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth) headers.set('authorization', `Bearer ${TEST_TOKEN}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async close() {
      if (!closed) await app.close();
      closed = true;
      if (!restart.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a station through the API. */
export async function createStation(t: TestApp, id = 'zurich-hb', name = 'Zürich HB', timezone = 'Europe/Zurich'): Promise<void> {
  const res = await t.request(`/api/stations/${id}`, { method: 'PUT', auth: true, json: { name, timezone } });
  if (res.status !== 201) throw new Error(`creating station ${id}: ${res.status} ${await res.text()}`);
}

/** Zürich HB's two departures the browser tests start from: the S8 to Pfäffikon SZ in 10 min, the IC 5 to Lausanne in 25. */
export async function putTwoDepartures(t: TestApp): Promise<void> {
  for (const [id, minutes, destination] of [
    ['s8', 10, 'Pfäffikon SZ'],
    ['ic5', 25, 'Lausanne'],
  ] as const) {
    const res = await t.request(`/api/stations/zurich-hb/departures/${id}`, {
      method: 'PUT',
      auth: true,
      json: departureBody({ destination }, minutes),
    });
    if (res.status !== 201) throw new Error(`putting departure ${id}: ${res.status} ${await res.text()}`);
  }
}
