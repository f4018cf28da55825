import type { BatchReport } from '#shared/api';
import type { Board } from '#shared/board';
import type { BoardEvent } from '#shared/board-event';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('POST /api/updates (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t, 'zurich-hb', 'Zürich HB');
    await createStation(t, 'bern', 'Bern');
  });
  afterEach(() => t.close());

  const post = (updates: unknown[], headers: Record<string, string> = {}) =>
    t.request('/api/updates', { method: 'POST', auth: true, json: { updates }, headers });
  const board = async (id: string) => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;

  it('applies the valid updates of a batch, reports each one, and rejects the bad ones alone', async () => {
    const res = await post([
      { op: 'put-departure', stationId: 'zurich-hb', departureId: 's8', departure: departureBody() },
      { op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8', patch: { delayMinutes: 4 } },
      { op: 'put-departure', stationId: 'bern', departureId: 'ic1', departure: { ...departureBody(), lineColor: 'red' } },
      { op: 'patch-departure', stationId: 'nowhere', departureId: 's8', patch: { delayMinutes: 1 } },
      { op: 'teleport', stationId: 'bern' },
      { op: 'post-alert', stationId: 'bern', alert: { severity: 'info', text: 'Works on platform 3' } },
      { op: 'remove-departure', stationId: 'bern', departureId: 'never-was' },
    ]);
    expect(res.status).toBe(200);
    const report = (await res.json()) as BatchReport;
    expect(report).toMatchObject({ applied: 3, rejected: 4 });
    expect(report.results).toEqual([
      { index: 0, status: 'applied', seq: 1 },
      { index: 1, status: 'applied', seq: 2 },
      {
        index: 2,
        status: 'rejected',
        error: {
          statusCode: 400,
          error: 'validation_failed',
          message: 'The request is invalid: departure.lineColor',
          fields: [{ field: 'departure.lineColor', message: 'lineColor must be a colour like "#0a7cc2"' }],
        },
      },
      { index: 3, status: 'rejected', error: { statusCode: 404, error: 'not_found', message: 'Station "nowhere" does not exist' } },
      {
        index: 4,
        status: 'rejected',
        error: expect.objectContaining({
          statusCode: 400,
          fields: [{ field: 'op', message: expect.stringContaining('op must be one of') }],
        }),
      },
      { index: 5, status: 'applied', seq: 1 },
      { index: 6, status: 'rejected', error: { statusCode: 404, error: 'not_found', message: 'Departure "never-was" does not exist' } },
    ]);
    expect((await board('zurich-hb')).departures).toMatchObject([{ id: 's8', status: 'delayed', version: 2 }]);
    expect((await board('bern')).departures).toEqual([]);
    expect((await board('bern')).alerts).toMatchObject([{ text: 'Works on platform 3' }]);
  });

  it('stores thousands of updates in one request and streams them to the screens in order', async () => {
    const screen = new SseReader(await fetch(`${t.baseUrl}/api/stations/zurich-hb/board/events`));
    await screen.next();
    const updates = Array.from({ length: 3000 }, (_, i) => ({
      op: 'put-departure',
      stationId: 'zurich-hb',
      departureId: `d${i}`,
      departure: departureBody({}, 10 + (i % 600)),
    }));
    const started = Date.now();
    const res = await post(updates);
    const report = (await res.json()) as BatchReport;
    expect(report).toMatchObject({ applied: 3000, rejected: 0 });
    console.log(`batch of 3000 updates answered in ${Date.now() - started} ms`);
    let last = 0;
    while (last < 3000) {
      const { data } = await screen.nextEvent<BoardEvent>();
      if ('seq' in data) {
        expect(data.seq).toBe(last + 1);
        last = data.seq;
      }
    }
    await screen.close();
    expect((await board('zurich-hb')).departures).toHaveLength(3000);
  });

  it("checks each update against the token's scope", async () => {
    const admin = await t.request('/api/auth/login', { method: 'POST', json: { username: 'admin', password: 'admin-password-for-tests' } });
    const cookie = admin.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await admin.json()) as { csrfToken: string };
    const created = await t.request('/api/tokens', {
      method: 'POST',
      json: { name: 'bern-feed', permissions: ['departures'], stations: ['bern'] },
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    const { token } = (await created.json()) as { token: string };
    const res = await t.request('/api/updates', {
      method: 'POST',
      json: {
        updates: [
          { op: 'put-departure', stationId: 'bern', departureId: 'ic1', departure: departureBody() },
          { op: 'put-departure', stationId: 'zurich-hb', departureId: 'ic1', departure: departureBody() },
          { op: 'post-alert', stationId: 'bern', alert: { severity: 'info', text: 'x' } },
        ],
      },
      headers: { authorization: `Bearer ${token}` },
    });
    const report = (await res.json()) as BatchReport;
    expect(report.results.map((r) => [r.status, r.error?.message])).toEqual([
      ['applied', undefined],
      ['rejected', 'Token "bern-feed" may not change departures at station "zurich-hb"'],
      ['rejected', 'Token "bern-feed" may not change alerts at station "bern"'],
    ]);
  });

  it('answers a retried batch from its Idempotency-Key without applying it twice', async () => {
    const updates = [{ op: 'put-departure', stationId: 'bern', departureId: 'ic1', departure: departureBody() }];
    const first = (await (await post(updates, { 'idempotency-key': 'batch-1' })).json()) as BatchReport;
    const retry = await post(updates, { 'idempotency-key': 'batch-1' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(first);
    expect((await board('bern')).seq).toBe(1);
  });

  it('refuses an empty or oversized batch as a whole', async () => {
    expect(await (await post([])).json()).toMatchObject({ statusCode: 400, fields: [{ field: 'updates' }] });
    const tooMany = Array.from({ length: 5001 }, () => ({ op: 'remove-departure', stationId: 'bern', departureId: 'x' }));
    expect(await (await post(tooMany)).json()).toMatchObject({
      statusCode: 400,
      fields: [{ field: 'updates', message: 'updates must have at most 5000 items; split larger batches' }],
    });
  });
});
