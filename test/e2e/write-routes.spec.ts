import type { Board } from '#shared/board';
import { type ConsoleSession, signIn } from '../support/console-session';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

/** Every write route, with a body that would succeed for an admin. */
const WRITES: Array<{ route: string; method: string; path: string; json?: unknown; needs: string; station?: boolean }> = [
  {
    route: 'PUT station',
    method: 'PUT',
    path: '/api/stations/zurich-hb',
    json: { name: 'Zürich Hauptbahnhof', timezone: 'Europe/Zurich' },
    needs: 'stations',
    station: true,
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: '/api/stations/zurich-hb/departures/new',
    json: departureBody(),
    needs: 'departures',
    station: true,
  },
  {
    route: 'PATCH departure',
    method: 'PATCH',
    path: '/api/stations/zurich-hb/departures/s8',
    json: { delayMinutes: 5 },
    needs: 'departures',
    station: true,
  },
  { route: 'DELETE departure', method: 'DELETE', path: '/api/stations/zurich-hb/departures/s8', needs: 'departures', station: true },
  {
    route: 'POST alert',
    method: 'POST',
    path: '/api/stations/zurich-hb/alerts',
    json: { severity: 'info', text: 'x' },
    needs: 'alerts',
    station: true,
  },
  { route: 'DELETE alert', method: 'DELETE', path: '/api/stations/zurich-hb/alerts/ALERT', needs: 'alerts', station: true },
  {
    route: 'POST line-delays',
    method: 'POST',
    path: '/api/stations/zurich-hb/line-delays',
    json: { line: 'S8', delayMinutes: 5 },
    needs: 'departures',
    station: true,
  },
  {
    route: 'POST users',
    method: 'POST',
    path: '/api/users',
    json: { username: 'someone', password: 'a long password here', role: 'viewer' },
    needs: 'admin',
  },
  { route: 'POST tokens', method: 'POST', path: '/api/tokens', json: { name: 'feed', permissions: ['departures'] }, needs: 'admin' },
  { route: 'DELETE tokens', method: 'DELETE', path: '/api/tokens/tok-bootstrap', needs: 'admin' },
];

describe('every write route refuses callers without the right (e2e)', () => {
  let t: TestApp;
  let admin: ConsoleSession;
  let viewer: ConsoleSession;
  let otherStationOperator: ConsoleSession;
  let alertsToken: string;
  let alertId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createStation(t, 'zurich-hb', 'Zürich HB');
    await createStation(t, 'bern', 'Bern');
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
    alertId = (
      (await (
        await t.request('/api/stations/zurich-hb/alerts', { method: 'POST', auth: true, json: { severity: 'info', text: 'Lift' } })
      ).json()) as { id: string }
    ).id;
    admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
    await admin.request('/api/users', { method: 'POST', json: { username: 'viewer', password: 'a long viewer password', role: 'viewer' } });
    await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'ops-bern', password: 'a long operator password', role: 'operator', stations: ['bern'] },
    });
    viewer = await signIn(t, 'viewer', 'a long viewer password');
    otherStationOperator = await signIn(t, 'ops-bern', 'a long operator password');
    const token = await admin.request('/api/tokens', {
      method: 'POST',
      json: { name: 'alerts-only', permissions: ['alerts'], stations: ['bern'] },
    });
    alertsToken = ((await token.json()) as { token: string }).token;
  });
  afterAll(() => t.close());

  const state = async () => ({
    board: (await (await t.request('/api/stations/zurich-hb/board')).json()) as Board,
    station: await (await t.request('/api/stations/zurich-hb')).json(),
    users: await (await admin.request('/api/users')).json(),
    tokens: await (await admin.request('/api/tokens')).json(),
  });

  it.each(WRITES)(
    '$route: 401 without credentials, 403 for a viewer, a token without the scope, an operator of another station; nothing changes',
    async (w) => {
      const path = w.path.replace('ALERT', alertId);
      const before = await state();
      const anonymous = await t.request(path, { method: w.method, json: w.json });
      expect([anonymous.status, ((await anonymous.json()) as { error: string }).error]).toEqual([401, 'unauthorized']);

      const asViewer = await viewer.request(path, { method: w.method, json: w.json });
      expect([asViewer.status, ((await asViewer.json()) as { error: string }).error]).toEqual([403, 'forbidden']);

      const asToken = await t.request(path, { method: w.method, json: w.json, headers: { authorization: `Bearer ${alertsToken}` } });
      expect([asToken.status, ((await asToken.json()) as { error: string }).error]).toEqual([403, 'forbidden']);

      const asOtherOperator = await otherStationOperator.request(path, { method: w.method, json: w.json });
      expect([asOtherOperator.status, ((await asOtherOperator.json()) as { error: string }).error]).toEqual([403, 'forbidden']);

      const after = await state();
      expect(after.board).toEqual(before.board);
      expect(after.station).toEqual(before.station);
      expect(after.users).toEqual(before.users);
      expect(after.tokens.map((x: { id: string; revokedAt: unknown }) => [x.id, x.revokedAt])).toEqual(
        before.tokens.map((x: { id: string; revokedAt: unknown }) => [x.id, x.revokedAt]),
      );
    },
  );
});
