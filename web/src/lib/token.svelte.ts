const STORAGE_KEY = 'headway.adminToken';

/**
 * A pasted API token, the console's fallback for automation and the bootstrap token; people sign
 * in instead. Kept in sessionStorage (this tab, until it closes): a bearer token is worth less to
 * a script on the page the shorter it lives, which is why sign-in uses an httpOnly cookie.
 */
class TokenStore {
  #value = $state(readStored());
  /** Set when the API answered 401 to this token, until it is edited. */
  rejected = $state(false);

  get value(): string {
    return this.#value;
  }

  set value(next: string) {
    this.#value = next;
    this.rejected = false;
    try {
      if (next) sessionStorage.setItem(STORAGE_KEY, next);
      else sessionStorage.removeItem(STORAGE_KEY);
      // Earlier versions kept it in localStorage, for good; it goes with the first edit.
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage can be disabled (private mode, policy); the token then lasts for this page only.
    }
  }
}

function readStored(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export const token = new TokenStore();
