import type { AuditEntry, CreatedApiToken } from '#shared/auth';
import type { Board } from '#shared/board';
import { type ConsoleSession, signIn } from '../support/console-session';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

describe('accounts, tokens and the audit log (e2e)', () => {
  let t: TestApp;
  let admin: ConsoleSession;

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t, 'zurich-hb', 'Zürich HB');
    await createStation(t, 'bern', 'Bern');
    for (const station of ['zurich-hb', 'bern']) {
      await t.request(`/api/stations/${station}/departures/s8`, { method: 'PUT', auth: true, json: departureBody() });
    }
    admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterEach(() => t.close());

  const board = async (station: string) => (await (await t.request(`/api/stations/${station}/board`)).json()) as Board;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function createOperator(): Promise<ConsoleSession> {
    const res = await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'ops-zurich', password: 'a long operator password', role: 'operator', stations: ['zurich-hb'] },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ username: 'ops-zurich', role: 'operator', stations: ['zurich-hb'] });
    return signIn(t, 'ops-zurich', 'a long operator password');
  }

  async function createFeedToken(): Promise<CreatedApiToken> {
    const res = await admin.request('/api/tokens', {
      method: 'POST',
      json: { name: 'zurich-feed', permissions: ['departures'], stations: ['zurich-hb'] },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as CreatedApiToken;
  }

  it('lets an operator limited to one station change only that station, and says why not elsewhere', async () => {
    const operator = await createOperator();
    expect((await operator.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json: { delayMinutes: 5 } })).status).toBe(
      200,
    );
    const before = await board('bern');
    const elsewhere = await operator.request('/api/stations/bern/departures/s8', { method: 'PATCH', json: { delayMinutes: 5 } });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toEqual({
      statusCode: 403,
      error: 'forbidden',
      message: 'User "ops-zurich" may not change departures at station "bern"',
    });
    expect(await board('bern')).toEqual(before);
    const station = await operator.request('/api/stations/zurich-hb', {
      method: 'PUT',
      json: { name: 'Renamed', timezone: 'Europe/Zurich' },
    });
    expect(await station.json()).toMatchObject({
      statusCode: 403,
      message: 'User "ops-zurich" may not change stations at station "zurich-hb"',
    });
    const users = await operator.request('/api/users');
    expect(users.status).toBe(403);
  });

  it('lets a feed token change only what its scope allows, shows its secret once, and stops it when revoked', async () => {
    const token = await createFeedToken();
    expect(token.token).toMatch(/^hw_/);
    expect(
      (await t.request('/api/stations/zurich-hb/departures/s9', { method: 'PUT', json: departureBody(), headers: bearer(token.token) }))
        .status,
    ).toBe(201);
    const alert = await t.request('/api/stations/zurich-hb/alerts', {
      method: 'POST',
      json: { severity: 'info', text: 'x' },
      headers: bearer(token.token),
    });
    expect(await alert.json()).toEqual({
      statusCode: 403,
      error: 'forbidden',
      message: 'Token "zurich-feed" may not change alerts at station "zurich-hb"',
    });
    const otherStation = await t.request('/api/stations/bern/departures/s9', {
      method: 'PUT',
      json: departureBody(),
      headers: bearer(token.token),
    });
    expect(otherStation.status).toBe(403);
    expect((await board('bern')).departures.map((d) => d.id)).toEqual(['s8']);

    const listed = (await (await admin.request('/api/tokens')).json()) as Array<Record<string, unknown>>;
    expect(listed.find((x) => x.id === token.id)).toMatchObject({
      name: 'zurich-feed',
      permissions: ['departures'],
      lastUsedAt: expect.any(String),
    });
    expect(JSON.stringify(listed)).not.toContain(token.token);

    expect((await admin.request(`/api/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    const revoked = await t.request('/api/stations/zurich-hb/departures/s9', {
      method: 'PATCH',
      json: { delayMinutes: 1 },
      headers: bearer(token.token),
    });
    expect(await revoked.json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'The credentials are not valid' });
  });

  it('answers 403 to a viewer and to tokens for account management', async () => {
    await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'watcher', password: 'a long viewer password', role: 'viewer' },
    });
    const viewer = await signIn(t, 'watcher', 'a long viewer password');
    expect((await viewer.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json: { delayMinutes: 5 } })).status).toBe(
      403,
    );
    const token = await createFeedToken();
    expect(
      (await t.request('/api/tokens', { method: 'POST', json: { name: 'x', permissions: ['alerts'] }, headers: bearer(token.token) }))
        .status,
    ).toBe(403);
    const feedAdmin = await t.request('/api/tokens', { method: 'POST', auth: true, json: { name: 'x', permissions: ['admin'] } });
    expect(await feedAdmin.json()).toMatchObject({ statusCode: 400, fields: [{ field: 'permissions' }] });
  });

  it("refuses a console write without the session's CSRF token, and changes nothing", async () => {
    const operator = await createOperator();
    const before = await board('zurich-hb');
    const res = await operator.request('/api/stations/zurich-hb/departures/s8', {
      method: 'PATCH',
      json: { delayMinutes: 5 },
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      statusCode: 403,
      error: 'csrf_failed',
      message: "A console write needs the session's X-CSRF-Token header",
    });
    expect(await board('zurich-hb')).toEqual(before);
  });

  it('sets an httpOnly, SameSite=Strict session cookie and ends it on logout', async () => {
    const res = await t.request('/api/auth/login', { method: 'POST', json: TEST_ADMIN });
    expect(res.headers.get('set-cookie')).toMatch(/^headway_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const wrong = await t.request('/api/auth/login', { method: 'POST', json: { username: 'admin', password: 'wrong password!' } });
    expect(await wrong.json()).toEqual({ statusCode: 401, error: 'invalid_credentials', message: 'Wrong username or password' });
    expect((await admin.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    // Signed out is an answer, not an error: the sign-in page asks on every load.
    const signedOut = await admin.request('/api/auth/session');
    expect([signedOut.status, await signedOut.json()]).toEqual([200, { signedIn: false }]);
    expect((await admin.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json: { delayMinutes: 5 } })).status).toBe(401);
  });

  it('throttles sign-in attempts from one address', async () => {
    const attempts = [];
    for (let i = 0; i < 7; i++)
      attempts.push(
        (await t.request('/api/auth/login', { method: 'POST', json: { username: 'admin', password: `guess number ${i}` } })).status,
      );
    // One sign-in already happened in beforeEach: 5 per minute are allowed.
    expect(attempts).toEqual([401, 401, 401, 401, 429, 429, 429]);
    const blocked = await t.request('/api/auth/login', { method: 'POST', json: TEST_ADMIN });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await blocked.json()).toMatchObject({
      statusCode: 429,
      error: 'too_many_requests',
      message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ s$/),
    });
  });

  it("keeps an operator's change when the feed disagrees, shows the conflict, and hands back on release", async () => {
    const operator = await createOperator();
    const token = await createFeedToken();
    const body = departureBody({ scheduledPlatform: '33' });
    await t.request('/api/stations/zurich-hb/departures/s9', { method: 'PUT', json: body, headers: bearer(token.token) });
    await operator.request('/api/stations/zurich-hb/departures/s9', { method: 'PATCH', json: { delayMinutes: 10, platform: '34' } });
    const feedSays = new Date(Date.parse(body.scheduledTime) + 2 * 60_000).toISOString();
    const update = await t.request('/api/stations/zurich-hb/departures/s9', {
      method: 'PUT',
      json: { ...body, expectedTime: feedSays },
      headers: bearer(token.token),
    });
    expect(update.status).toBe(200);
    expect(await update.json()).toMatchObject({
      platform: '34',
      status: 'delayed',
      override: { by: 'ops-zurich', until: null, feed: { expectedTime: feedSays, platform: '33', cancelled: false } },
    });
    const released = await operator.request('/api/stations/zurich-hb/departures/s9', { method: 'PATCH', json: { releaseOverride: true } });
    expect(await released.json()).toMatchObject({ expectedTime: feedSays, platform: '33', override: null });
  });

  it('delays every upcoming departure of a line at once', async () => {
    const operator = await createOperator();
    await t.request('/api/stations/zurich-hb/departures/s8-2', { method: 'PUT', auth: true, json: departureBody({}, 60) });
    await t.request('/api/stations/zurich-hb/departures/s8-gone', { method: 'PUT', auth: true, json: departureBody({}, -10) });
    await t.request('/api/stations/zurich-hb/departures/ic5', { method: 'PUT', auth: true, json: departureBody({ line: 'IC 5' }) });
    const res = await operator.request('/api/stations/zurich-hb/line-delays', { method: 'POST', json: { line: 's 8', delayMinutes: 15 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Array<{ id: string }>).map((d) => d.id).sort()).toEqual(['s8', 's8-2']);
    const rows = (await board('zurich-hb')).departures;
    expect(
      rows
        .filter((d) => d.status === 'delayed')
        .map((d) => d.id)
        .sort(),
    ).toEqual(['s8', 's8-2']);
    const none = await operator.request('/api/stations/zurich-hb/line-delays', { method: 'POST', json: { line: 'S99', delayMinutes: 5 } });
    expect(await none.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'Upcoming departures of line "S99" does not exist' });
  });

  it("undoes the operator's own last change once, and refuses when someone changed the row since", async () => {
    const operator = await createOperator();
    const original = (await board('zurich-hb')).departures[0];
    await operator.request('/api/stations/zurich-hb/departures/s8', {
      method: 'PATCH',
      json: { delayMinutes: 20, remarks: ['Signal failure'] },
    });
    const undo = await operator.request('/api/stations/zurich-hb/undo', { method: 'POST' });
    expect(undo.status).toBe(200);
    expect(await undo.json()).toMatchObject({ action: 'departure-set', targetId: 's8' });
    const restored = (await board('zurich-hb')).departures[0];
    expect({ ...restored, version: 0, updatedAt: '' }).toEqual({ ...original, version: 0, updatedAt: '' });
    expect(restored.version).toBe(3);
    const again = await operator.request('/api/stations/zurich-hb/undo', { method: 'POST' });
    expect(await again.json()).toEqual({
      statusCode: 404,
      error: 'nothing_to_undo',
      message: 'You have no change at station "zurich-hb" left to undo',
    });

    await operator.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json: { delayMinutes: 5 } });
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json: { platform: '9' } });
    const conflict = await operator.request('/api/stations/zurich-hb/undo', { method: 'POST' });
    const body = (await conflict.json()) as { message: string };
    expect(body).toMatchObject({ statusCode: 409, error: 'changed_since' });
    // It says who changed the row since, and when.
    expect(body.message).toMatch(
      /^Departure "s8" was changed by .+ at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z after your change; undoing it would overwrite that$/,
    );
  });

  it('undoes step by step, newest first, through the operator’s own changes, and no undo blocks the next', async () => {
    const operator = await createOperator();
    const original = (await board('zurich-hb')).departures[0];
    const patch = (json: unknown) => operator.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json });
    await patch({ delayMinutes: 5 });
    await patch({ platform: '9' });
    await patch({ remarks: ['Signal failure'] });
    const content = async () => {
      const { version: _version, updatedAt: _updatedAt, override: _override, ...rest } = (await board('zurich-hb')).departures[0];
      return rest;
    };
    const undo = async () => {
      const res = await operator.request('/api/stations/zurich-hb/undo', { method: 'POST' });
      expect(res.status).toBe(200);
    };
    await undo();
    expect(await content()).toMatchObject({ remarks: [], platform: '9' });
    await undo();
    expect(await content()).toMatchObject({ remarks: [], platform: '33', status: 'delayed' });
    await undo();
    const { version: _v, updatedAt: _u, ...before } = original;
    expect(await content()).toEqual({ ...before, override: undefined, version: undefined, updatedAt: undefined });
  });

  it('takes back an action on many rows (one batch, a line delay) in one step, and refuses it whole if another changed one', async () => {
    const operator = await createOperator();
    await t.request('/api/stations/zurich-hb/departures/s8-2', { method: 'PUT', auth: true, json: departureBody({}, 40) });
    await t.request('/api/stations/zurich-hb/departures/ic5', { method: 'PUT', auth: true, json: departureBody({ line: 'IC 5' }, 50) });
    const cancel = (id: string) => ({
      op: 'patch-departure',
      stationId: 'zurich-hb',
      departureId: id,
      patch: { cancelled: true, cancelReason: 'Staff shortage' },
    });
    const batch = await operator.request('/api/updates', {
      method: 'POST',
      json: { updates: [cancel('s8'), cancel('s8-2'), cancel('ic5')] },
    });
    expect(((await batch.json()) as { applied: number }).applied).toBe(3);
    const statuses = async () => Object.fromEntries((await board('zurich-hb')).departures.map((d) => [d.id, d.status]));
    expect(await statuses()).toEqual({ s8: 'cancelled', 's8-2': 'cancelled', ic5: 'cancelled' });

    expect((await operator.request('/api/stations/zurich-hb/undo', { method: 'POST' })).status).toBe(200);
    expect(Object.values(await statuses())).not.toContain('cancelled');

    // A line delay is one action too; after someone else changes one of its rows, its undo is refused, and nothing is undone.
    await operator.request('/api/stations/zurich-hb/line-delays', { method: 'POST', json: { line: 'S8', delayMinutes: 9 } });
    await t.request('/api/stations/zurich-hb/departures/s8-2', { method: 'PATCH', auth: true, json: { platform: '7' } });
    const refused = await operator.request('/api/stations/zurich-hb/undo', { method: 'POST' });
    expect(refused.status).toBe(409);
    // Both S8 rows keep the line delay: the refused undo changed neither.
    expect(await statuses()).toMatchObject({ s8: 'delayed', 's8-2': 'delayed' });
  });

  it('records who changed what, from where, before and after, for every kind of change', async () => {
    const operator = await createOperator();
    const token = await createFeedToken();
    await operator.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json: { delayMinutes: 7 } });
    await t.request('/api/stations/zurich-hb/departures/s9', {
      method: 'PUT',
      json: departureBody({ destination: 'Chur' }),
      headers: bearer(token.token),
    });
    const alert = (await (
      await operator.request('/api/stations/zurich-hb/alerts', { method: 'POST', json: { severity: 'warning', text: 'Lift broken' } })
    ).json()) as { id: string };
    await operator.request(`/api/stations/zurich-hb/alerts/${alert.id}`, { method: 'DELETE' });
    await operator.request('/api/stations/zurich-hb/departures/s9', { method: 'DELETE' });

    const entries = (await (await admin.request('/api/audit?stationId=zurich-hb')).json()) as AuditEntry[];
    const summary = entries.map((e) => [e.action, e.targetId, e.actor.name, e.source]);
    expect(summary.slice(0, 5)).toEqual([
      ['departure-removed', 's9', 'ops-zurich', 'operator'],
      ['alert-cleared', alert.id, 'ops-zurich', 'operator'],
      ['alert-set', alert.id, 'ops-zurich', 'operator'],
      ['departure-set', 's9', 'zurich-feed', 'feed'],
      ['departure-set', 's8', 'ops-zurich', 'operator'],
    ]);
    const delay = entries[4];
    expect(delay.before).toMatchObject({ expectedTime: null, version: 1 });
    expect(delay.after).toMatchObject({ status: 'delayed', version: 2 });
    expect(entries[0]).toMatchObject({ before: { destination: 'Chur' }, after: null });

    const byFeed = (await (await admin.request('/api/audit?source=feed&stationId=zurich-hb')).json()) as AuditEntry[];
    expect(byFeed.map((e) => e.actor.name)).toEqual(['zurich-feed', 'bootstrap']);
    // The operator sees its own station's log, not Bern's.
    const own = (await (await operator.request('/api/audit')).json()) as AuditEntry[];
    expect(new Set(own.map((e) => e.stationId))).toEqual(new Set(['zurich-hb']));
    expect((await t.request('/api/audit')).status).toBe(401);
  });
});
