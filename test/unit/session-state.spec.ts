import type * as Api from '../../web/src/lib/api';
import type * as Session from '../../web/src/lib/console/session.svelte';
import type * as Token from '../../web/src/lib/token.svelte';
import type * as RuneObserver from '../support/rune-observer.svelte';
import { apiError, deferred, fakeApi, sessionInfo } from '../support/fake-api';

/** The console as a page load finds it: fresh module state, and the Svelte runtime it shares. */
function loadConsole() {
  let loaded!: {
    session: typeof Session.session;
    token: typeof Token.token;
    ApiRequestError: typeof Api.ApiRequestError;
    observe: typeof RuneObserver.observe;
  };
  jest.isolateModules(() => {
    loaded = {
      session: jest.requireActual<typeof Session>('../../web/src/lib/console/session.svelte').session,
      token: jest.requireActual<typeof Token>('../../web/src/lib/token.svelte').token,
      ApiRequestError: jest.requireActual<typeof Api>('../../web/src/lib/api').ApiRequestError,
      observe: jest.requireActual<typeof RuneObserver>('../support/rune-observer.svelte').observe,
    };
  });
  return loaded;
}

const SESSION = 'GET /api/auth/session';
/** What the server answers a browser without a session: 200, so signing in starts with no error. */
const SIGNED_OUT = { status: 200, body: { signedIn: false } };
const LOGIN = 'POST /api/auth/login';
const LOGOUT = 'POST /api/auth/logout';

describe('ConsoleSession', () => {
  let api: ReturnType<typeof fakeApi> | undefined;
  afterEach(() => api?.restore());

  it('is checking until the server says whether this browser is signed in', async () => {
    const { session, observe } = loadConsole();
    const answer = deferred();
    api = fakeApi({ [SESSION]: answer.handler });
    const state = observe(() => session.state);

    const restored = session.restore();
    expect(state.current).toBe('checking');
    answer.answer(SIGNED_OUT);
    await restored;

    expect(state.values).toEqual(['checking', 'signed-out']);
    expect(session.notice).toBeNull();
    state.stop();
  });

  it('restores the signed-in user on page load', async () => {
    const { session } = loadConsole();
    api = fakeApi({ [SESSION]: () => ({ status: 200, body: { signedIn: true, ...sessionInfo({ name: 'ada' }) } }) });

    await session.restore();

    expect(session.state).toBe('signed-in');
    expect(session.mode).toBe('session');
    expect(session.principal?.name).toBe('ada');
    expect(session.expiresAt).toBe('2026-12-01T20:00:00.000Z');
    expect(session.credentials).toEqual({ csrfToken: 'csrf-1' });
  });

  it('says so when the sign-in could not be checked, and shows the form', async () => {
    const { session } = loadConsole();
    api = fakeApi({ [SESSION]: () => apiError(503, 'store_unavailable', { message: 'The database is unreachable.' }) });

    await session.restore();

    expect(session.state).toBe('signed-out');
    expect(session.notice).toBe('Could not check the sign-in: The database is unreachable.');
  });

  it('signs in, and a pasted token gives way to the user’s own permissions', async () => {
    const { session, token } = loadConsole();
    api = fakeApi({ [SESSION]: () => SIGNED_OUT, [LOGIN]: () => ({ status: 200, body: sessionInfo() }) });
    await session.restore();
    token.value = 'pasted';
    expect(session.mode).toBe('token');

    await session.signIn('ada', 'correct horse');

    expect(api.sent.at(-1)?.body).toEqual({ username: 'ada', password: 'correct horse' });
    expect(token.value).toBe('');
    expect(session.mode).toBe('session');
    expect(session.credentials).toEqual({ csrfToken: 'csrf-1' });
  });

  it('leaves a wrong password to the form and stays signed out', async () => {
    const { session, ApiRequestError } = loadConsole();
    api = fakeApi({ [SESSION]: () => SIGNED_OUT, [LOGIN]: () => apiError(401, 'invalid_credentials') });
    await session.restore();

    const signIn = session.signIn('ada', 'wrong');

    await expect(signIn).rejects.toBeInstanceOf(ApiRequestError);
    await expect(signIn).rejects.toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
    expect(session.state).toBe('signed-out');
  });

  it('signs out on a 401 and tells the user the session ended', async () => {
    const { session, ApiRequestError } = loadConsole();
    api = fakeApi({ [SESSION]: () => ({ status: 200, body: { signedIn: true, ...sessionInfo() } }) });
    await session.restore();

    session.refused(new ApiRequestError({ statusCode: 401, error: 'unauthorized', message: 'Sign in first.' }));

    expect(session.state).toBe('signed-out');
    expect(session.principal).toBeNull();
    expect(session.notice).toBe('Your session has ended. Sign in again to go on.');
  });

  it('marks a pasted token rejected on a 401, until it is edited', async () => {
    const { session, token, ApiRequestError } = loadConsole();
    token.value = 'stale';

    session.refused(new ApiRequestError({ statusCode: 401, error: 'unauthorized', message: 'Bad token.' }));

    expect(token.rejected).toBe(true);
    expect(session.state).toBe('signed-in');
    expect(session.credentials).toEqual({ bearer: 'stale' });
    token.value = 'fresh';
    expect(token.rejected).toBe(false);
  });

  it('fetches a new CSRF token when signing in again elsewhere made the old one stale', async () => {
    const { session, ApiRequestError } = loadConsole();
    let csrfToken = 'csrf-1';
    api = fakeApi({ [SESSION]: () => ({ status: 200, body: { signedIn: true, ...sessionInfo(), csrfToken } }) });
    await session.restore();
    csrfToken = 'csrf-2';

    session.refused(new ApiRequestError({ statusCode: 403, error: 'csrf_failed', message: 'Stale CSRF token.' }));
    await new Promise((resolve) => setImmediate(resolve));

    expect(session.state).toBe('signed-in');
    expect(session.credentials).toEqual({ csrfToken: 'csrf-2' });
  });

  it('signs out here even when the server cannot be reached', async () => {
    const { session } = loadConsole();
    api = fakeApi({
      [SESSION]: () => ({ status: 200, body: { signedIn: true, ...sessionInfo() } }),
      [LOGOUT]: () => Promise.reject(new TypeError('fetch failed')),
    });
    await session.restore();

    await expect(session.signOut()).rejects.toMatchObject({ code: 'network_error' });

    expect(session.state).toBe('signed-out');
  });

  it('forgets a pasted token on sign-out, without asking the server', async () => {
    const { session, token } = loadConsole();
    api = fakeApi({ [SESSION]: () => SIGNED_OUT });
    await session.restore();
    token.value = 'pasted';

    await session.signOut();

    expect(api.sent.map((r) => r.route)).toEqual([SESSION]);
    expect(token.value).toBe('');
    expect(session.state).toBe('signed-out');
  });
});
