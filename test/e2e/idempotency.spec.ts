import type { Alert, Board } from '#shared/board';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('Idempotency-Key on writes (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterEach(() => t.close());

  const board = async () => (await (await t.request('/api/stations/zurich-hb/board')).json()) as Board;
  const postAlert = (key: string, text = 'Lift out of service') =>
    t.request('/api/stations/zurich-hb/alerts', {
      method: 'POST',
      auth: true,
      json: { severity: 'warning', text },
      headers: { 'idempotency-key': key },
    });

  it('answers a retried POST with the original result and posts the alert once', async () => {
    const first = await postAlert('feed-42');
    const original = (await first.json()) as Alert;
    const retry = await postAlert('feed-42');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(original);
    const b = await board();
    expect(b.alerts.map((a) => a.id)).toEqual([original.id]);
    expect(b.seq).toBe(2);
  });

  it('applies concurrent retries of one PATCH once', async () => {
    const send = () =>
      t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        auth: true,
        json: { delayMinutes: 9 },
        headers: { 'idempotency-key': 'op-7' },
      });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(answers.map((a) => a.headers.get('etag'))).toEqual(['"2"', '"2"', '"2"']);
    expect((await board()).seq).toBe(2);
  });

  it('replays a 204 DELETE', async () => {
    const del = () =>
      t.request('/api/stations/zurich-hb/departures/s8', { method: 'DELETE', auth: true, headers: { 'idempotency-key': 'del-1' } });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(204);
    expect((await board()).seq).toBe(2);
  });

  it('refuses the same key with a different body and changes nothing', async () => {
    await postAlert('feed-43', 'First text');
    const before = await board();
    const reused = await postAlert('feed-43', 'Other text');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      statusCode: 422,
      error: 'idempotency_key_reused',
      message: 'This Idempotency-Key was already used for a different request; use a new key for a new change',
    });
    expect(await board()).toEqual(before);
  });

  it('does not burn a key on a rejected request', async () => {
    const bad = await t.request('/api/stations/zurich-hb/alerts', {
      method: 'POST',
      auth: true,
      json: { severity: 'loud', text: 'x' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(bad.status).toBe(400);
    expect((await postAlert('k-1')).status).toBe(201);
  });
});
