import type { Principal, SessionInfo } from '#shared/auth';
import { ApiRequestError, type Credentials } from '../api';
import { token } from '../token.svelte';
import { getSession, login, logout } from './accounts-api';

/**
 * Stands in for a pasted token, whose permissions the console cannot look up: everything is
 * offered and the server refuses what the token may not do.
 */
const TOKEN_PRINCIPAL: Principal = {
  kind: 'token',
  id: 'pasted-token',
  name: 'API token',
  permissions: ['departures', 'alerts', 'stations', 'admin'],
  stations: null,
};

/**
 * Who is using the console: the signed-in user (and the CSRF token its writes must carry), or a
 * pasted API token. The session cookie itself is httpOnly, out of the page's reach.
 */
class ConsoleSession {
  #info = $state.raw<SessionInfo | null>(null);
  #checked = $state(false);
  /** Why the console is back at the sign-in form, when it was not the user's doing. */
  notice = $state<string | null>(null);

  /** `checking` until the server has said whether this browser is signed in. */
  get state(): 'checking' | 'signed-out' | 'signed-in' {
    if (this.#info || token.value) return 'signed-in';
    return this.#checked ? 'signed-out' : 'checking';
  }

  get mode(): 'session' | 'token' | null {
    return this.#info ? 'session' : token.value ? 'token' : null;
  }

  get principal(): Principal | null {
    return this.#info?.principal ?? (token.value ? TOKEN_PRINCIPAL : null);
  }

  get expiresAt(): string | null {
    return this.#info?.expiresAt ?? null;
  }

  get credentials(): Credentials {
    return this.#info ? { csrfToken: this.#info.csrfToken } : { bearer: token.value };
  }

  /** Asks the server for this browser's session, on page load. */
  async restore(): Promise<void> {
    try {
      const state = await getSession();
      this.#info = state.signedIn ? { principal: state.principal, csrfToken: state.csrfToken, expiresAt: state.expiresAt } : null;
    } catch (error) {
      this.#info = null;
      this.notice = `Could not check the sign-in: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#checked = true;
    }
  }

  /** Throws the API's error (wrong password, throttled) for the form to show. */
  async signIn(username: string, password: string): Promise<void> {
    const info = await login({ username, password });
    // Signed in, the user's own permissions apply, not a token left in the tab.
    token.value = '';
    this.notice = null;
    this.#info = info;
  }

  async signOut(): Promise<void> {
    if (this.mode === 'token') {
      token.value = '';
      return;
    }
    try {
      await logout();
    } finally {
      // Signed out here whatever the server said; an unreachable server keeps the cookie until it expires.
      this.#info = null;
    }
  }

  /** A request was refused for its credentials: the session ended, the token is wrong, or the CSRF token is stale. */
  refused(error: ApiRequestError): void {
    if (error.code === 'csrf_failed' && this.mode === 'session') {
      // Signing in again in another tab replaces the cookie, and with it the CSRF token this tab holds.
      void this.restore();
    } else if (error.statusCode === 401 && this.mode === 'token') {
      token.rejected = true;
    } else if (error.statusCode === 401 && this.#info) {
      this.#info = null;
      this.notice = 'Your session has ended. Sign in again to go on.';
    }
  }
}

export const session = new ConsoleSession();
