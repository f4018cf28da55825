import type * as TokenModule from '../../web/src/lib/token.svelte';

const KEY = 'headway.adminToken';

/** A tab's storage: the Web Storage calls the token store makes, on a Map. */
function fakeStorage(entries: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** The console opened in a tab with these storages (`undefined`: storage disabled). */
function openTab(storages: { session?: Storage; local?: Storage }) {
  Object.assign(globalThis, { sessionStorage: storages.session, localStorage: storages.local });
  let token!: typeof TokenModule.token;
  jest.isolateModules(() => {
    token = jest.requireActual<typeof TokenModule>('../../web/src/lib/token.svelte').token;
  });
  return token;
}

describe('TokenStore', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'sessionStorage');
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('keeps a pasted token for this tab, across a reload', () => {
    const session = fakeStorage();
    openTab({ session, local: fakeStorage() }).value = 'secret';

    expect(openTab({ session, local: fakeStorage() }).value).toBe('secret');
  });

  it('moves a token an earlier version kept for good out of localStorage on the first edit', () => {
    const session = fakeStorage();
    const local = fakeStorage({ [KEY]: 'old' });
    const token = openTab({ session, local });

    token.value = 'new';

    expect(local.getItem(KEY)).toBeNull();
    expect(session.getItem(KEY)).toBe('new');
  });

  it('forgets the token when it is cleared', () => {
    const session = fakeStorage({ [KEY]: 'secret' });
    const token = openTab({ session, local: fakeStorage() });

    token.value = '';

    expect(session.getItem(KEY)).toBeNull();
  });

  it('still works, for this page only, when storage is disabled', () => {
    const token = openTab({});

    token.value = 'secret';

    expect(token.value).toBe('secret');
  });
});
