import type * as Api from '../../web/src/lib/api';
import type * as Session from '../../web/src/lib/console/session.svelte';
import type * as SubmissionModule from '../../web/src/lib/console/submission.svelte';
import type * as RuneObserver from '../support/rune-observer.svelte';
import { apiError, deferred, fakeApi, sessionInfo } from '../support/fake-api';

/** A console page's modules, fresh: the session singleton starts over for every test. */
function loadConsole() {
  let loaded!: {
    Submission: typeof SubmissionModule.Submission;
    session: typeof Session.session;
    api: typeof Api;
    observe: typeof RuneObserver.observe;
  };
  jest.isolateModules(() => {
    loaded = {
      Submission: jest.requireActual<typeof SubmissionModule>('../../web/src/lib/console/submission.svelte').Submission,
      session: jest.requireActual<typeof Session>('../../web/src/lib/console/session.svelte').session,
      api: jest.requireActual<typeof Api>('../../web/src/lib/api'),
      observe: jest.requireActual<typeof RuneObserver>('../support/rune-observer.svelte').observe,
    };
  });
  return loaded;
}

const PATCH = 'PATCH /api/stations/central/departures/d1';

describe('Submission', () => {
  let server: ReturnType<typeof fakeApi> | undefined;
  afterEach(() => server?.restore());

  /** A signed-in console whose departure PATCH answers as the test says. */
  async function signedIn(answer: Parameters<typeof fakeApi>[0][string]) {
    const page = loadConsole();
    server = fakeApi({ 'GET /api/auth/session': () => ({ status: 200, body: { signedIn: true, ...sessionInfo() } }), [PATCH]: answer });
    await page.session.restore();
    const submission = new page.Submission();
    const patch = () => submission.run((auth) => page.api.patchDeparture(auth, 'central', 'd1', { platform: '4' }), 'Platform changed.');
    return { ...page, submission, patch };
  }

  it('is pending while the request is in flight, then shows the success message', async () => {
    const answer = deferred();
    const { submission, patch, observe } = await signedIn(answer.handler);
    const shown = observe(() => ({ pending: submission.pending, success: submission.success }));

    const sent = patch();
    expect(shown.current).toEqual({ pending: true, success: null });
    answer.answer({ status: 200, body: { id: 'd1' } });

    await expect(sent).resolves.toEqual({ id: 'd1' });
    expect(shown.current).toEqual({ pending: false, success: 'Platform changed.' });
    expect(submission.succeeded).toBe(true);
    shown.stop();
  });

  it('sends the request with the signed-in user’s CSRF token', async () => {
    const { patch } = await signedIn(() => ({ status: 200, body: { id: 'd1' } }));

    await patch();

    expect(server?.sent.at(-1)?.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('builds the success message from the answer when asked to', async () => {
    const { Submission } = loadConsole();
    const submission = new Submission();

    await submission.run(
      async () => ({ count: 3 }),
      (answer) => `${answer.count} departures delayed.`,
    );

    expect(submission.success).toBe('3 departures delayed.');
  });

  it('shows each field’s error beside its input', async () => {
    const { submission, patch } = await signedIn(() =>
      apiError(400, 'validation_failed', {
        fields: [
          { field: 'platform', message: 'must be at most 8 characters' },
          { field: 'remarks.2', message: 'must not be empty' },
          { field: 'remarks.0', message: 'is too long' },
        ],
      }),
    );

    await expect(patch()).resolves.toBeUndefined();

    expect(submission.succeeded).toBe(false);
    expect(submission.fieldError('platform')).toBe('must be at most 8 characters');
    expect(submission.fieldError('remarks', 'Line')).toBe('Line 3: must not be empty Line 1: is too long');
    expect(submission.fieldError('remark')).toBeNull();
    expect(submission.fieldError('status')).toBeNull();
  });

  it('still shows the field errors no input on the form shows', async () => {
    const { submission, patch } = await signedIn(() =>
      apiError(400, 'validation_failed', {
        fields: [
          { field: 'platform', message: 'must be at most 8 characters' },
          { field: 'overrideUntil', message: 'must be in the future' },
        ],
      }),
    );

    await patch();

    expect(submission.otherFieldErrors(['platform', 'remarks'])).toEqual([{ field: 'overrideUntil', message: 'must be in the future' }]);
  });

  it('names the field of a conflict (a taken username) but no fields of other refusals', async () => {
    const { Submission, api } = loadConsole();
    const taken = new Submission();
    const forbidden = new Submission();
    const fields = [{ field: 'username', message: 'is taken' }];

    await taken.run(
      () => Promise.reject(new api.ApiRequestError({ statusCode: 409, error: 'conflict', message: 'Taken.', fields })),
      'Added.',
    );
    await forbidden.run(
      () => Promise.reject(new api.ApiRequestError({ statusCode: 403, error: 'forbidden', message: 'No.', fields })),
      'Added.',
    );

    expect(taken.fieldError('username')).toBe('is taken');
    expect(forbidden.fieldError('username')).toBeNull();
    expect(forbidden.error?.message).toBe('No.');
  });

  it('never throws: an unreachable server becomes the error to show', async () => {
    const { submission, patch } = await signedIn(() => Promise.reject(new TypeError('fetch failed')));

    await expect(patch()).resolves.toBeUndefined();

    expect(submission.pending).toBe(false);
    expect(submission.error).toMatchObject({ statusCode: 0, code: 'network_error', message: 'The server could not be reached.' });
  });

  it('shows a bug in the page as a client error rather than throwing it', async () => {
    const { Submission } = loadConsole();
    const submission = new Submission();

    await submission.run(() => Promise.reject(new Error('boom')), 'Saved.');

    expect(submission.error).toMatchObject({ statusCode: 0, code: 'client_error', message: 'Error: boom' });
  });

  it('ends the session when the server answers 401', async () => {
    const { session, submission, patch } = await signedIn(() => apiError(401, 'unauthorized'));

    await patch();

    expect(submission.error?.statusCode).toBe(401);
    expect(session.state).toBe('signed-out');
    expect(session.notice).toBe('Your session has ended. Sign in again to go on.');
  });

  it('forgets the last outcome when the form is edited again', async () => {
    const { submission, patch } = await signedIn(() =>
      apiError(400, 'validation_failed', { fields: [{ field: 'platform', message: 'bad' }] }),
    );
    await patch();

    submission.reset();

    expect(submission.error).toBeNull();
    expect(submission.fieldError('platform')).toBeNull();
  });

  it('clears the previous error when the form is sent again', async () => {
    let status = 400;
    const { submission, patch } = await signedIn(() =>
      status === 400
        ? apiError(400, 'validation_failed', { fields: [{ field: 'platform', message: 'bad' }] })
        : { status: 200, body: { id: 'd1' } },
    );
    await patch();
    status = 200;

    await patch();

    expect(submission.error).toBeNull();
    expect(submission.fieldError('platform')).toBeNull();
    expect(submission.success).toBe('Platform changed.');
  });
});
