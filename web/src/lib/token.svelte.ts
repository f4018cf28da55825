const STORAGE_KEY = 'headway.adminToken';

/**
 * The operator's API token. Kept in localStorage so a reload does not ask again; it is only a
 * bearer token for this one server, shown in a password field and never sent anywhere else.
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
      if (next) localStorage.setItem(STORAGE_KEY, next);
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage can be disabled (private mode, policy); the token then lasts for this page only.
    }
  }
}

function readStored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export const token = new TokenStore();
