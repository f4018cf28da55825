import type { SessionInfo } from '#shared/auth';
import type { TestApp } from './test-app';

/** A signed-in console user: sends its cookie, and its CSRF token with writes, like the console does. */
export interface ConsoleSession {
  info: SessionInfo;
  cookie: string;
  request(path: string, init?: { method?: string; json?: unknown; csrf?: boolean }): Promise<Response>;
}

export async function signIn(t: TestApp, username: string, password: string): Promise<ConsoleSession> {
  const res = await t.request('/api/auth/login', { method: 'POST', json: { username, password } });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const info = (await res.json()) as SessionInfo;
  return {
    info,
    cookie,
    request(path, { method = 'GET', json, csrf = true } = {}) {
      const headers: Record<string, string> = { cookie };
      if (csrf) headers['x-csrf-token'] = info.csrfToken;
      return t.request(path, { method, json, headers });
    },
  };
}
