import type { Board, Departure } from '#shared/board';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('REST API (e2e)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
  });
  afterEach(() => t.close());

  const board = async (): Promise<Board> => (await t.request('/api/stations/zurich-hb/board')).json() as Promise<Board>;
  const putDeparture = (id = 'ic1-0932', body = departureBody()) =>
    t.request(`/api/stations/zurich-hb/departures/${id}`, { method: 'PUT', auth: true, json: body });

  it('answers health', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: expect.any(String), store: 'ok', fanOut: 'in-process' });
  });

  it('lists and shows stations', async () => {
    await createStation(t, 'bern', 'Bern', 'Europe/Zurich');
    expect(await (await t.request('/api/stations')).json()).toEqual([
      { id: 'bern', name: 'Bern', timezone: 'Europe/Zurich' },
      { id: 'zurich-hb', name: 'Zürich HB', timezone: 'Europe/Zurich' },
    ]);
    expect(await (await t.request('/api/stations/bern')).json()).toEqual({ id: 'bern', name: 'Bern', timezone: 'Europe/Zurich' });
  });

  it('creates a departure with 201, replaces it with 200, and shows it on the board', async () => {
    const created = await putDeparture();
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const replaced = await putDeparture('ic1-0932', departureBody({ destination: 'Winterthur' }));
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ destination: 'Winterthur', version: 2, status: 'on-time', platform: '33' });
    const b = await board();
    expect(b.seq).toBe(2);
    expect(b.departures.map((d) => [d.id, d.destination])).toEqual([['ic1-0932', 'Winterthur']]);
  });

  it('applies an operator delay, platform change, cancellation and reinstatement', async () => {
    const body = departureBody();
    await putDeparture('s8', body);
    const patch = async (json: unknown): Promise<Departure> => {
      const res = await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json });
      expect(res.status).toBe(200);
      return (await res.json()) as Departure;
    };
    const delayed = await patch({ delayMinutes: 16 });
    expect(delayed).toMatchObject({
      status: 'delayed',
      expectedTime: new Date(Date.parse(body.scheduledTime) + 16 * 60_000).toISOString(),
    });
    expect(await patch({ platform: '7' })).toMatchObject({ platform: '7', scheduledPlatform: '33', status: 'delayed' });
    expect(await patch({ cancelled: true, cancelReason: 'Staff shortage' })).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Staff shortage',
    });
    expect(await patch({ cancelled: false, delayMinutes: 0, platform: null, remarks: ['Runs again'] })).toMatchObject({
      status: 'on-time',
      cancelReason: null,
      expectedTime: null,
      platform: '33',
      remarks: ['Runs again'],
      version: 5,
    });
  });

  it('adds a relative delay to the row as it is when the change lands: two operators adding 5 at once give 10', async () => {
    await putDeparture('s8');
    const add = (json: unknown) => t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json });
    const [first, second] = await Promise.all([add({ addDelayMinutes: 5 }), add({ addDelayMinutes: 5 })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const row = (await board()).departures.find((d) => d.id === 's8')!;
    expect(Date.parse(row.expectedTime!) - Date.parse(row.scheduledTime)).toBe(10 * 60_000);
    // Back to none by a negative step; and a step past what a board allows is refused, naming it.
    expect((await add({ addDelayMinutes: -10 })).status).toBe(200);
    expect((await board()).departures.find((d) => d.id === 's8')).toMatchObject({ expectedTime: null, status: 'on-time' });
    await add({ addDelayMinutes: 5 });
    const tooLate = await add({ addDelayMinutes: 1440 });
    expect(await tooLate.json()).toMatchObject({
      fields: [{ field: 'addDelayMinutes', message: 'addDelayMinutes would make the departure more than 24 hours late' }],
    });
  });

  it('keeps arrivals apart from departures, with their origin', async () => {
    // One time for both (two calls of departureBody() can straddle a minute), so only the kind orders them.
    const { scheduledTime } = departureBody();
    const res = await putDeparture(
      'ic5-arr',
      departureBody({ kind: 'arrival', origin: 'Lausanne', destination: 'Zürich HB', scheduledTime }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: 'arrival', origin: 'Lausanne' });
    await putDeparture('ic5', departureBody({ scheduledTime }));
    expect((await board()).departures.map((d) => [d.id, d.kind, d.origin])).toEqual([
      ['ic5', 'departure', null],
      ['ic5-arr', 'arrival', 'Lausanne'],
    ]);
    const bad = await putDeparture('x', departureBody({ kind: 'transfer' as never }));
    expect(await bad.json()).toMatchObject({ fields: [{ field: 'kind', message: 'kind must be one of: departure, arrival' }] });
  });

  it('deletes a departure', async () => {
    await putDeparture('s8');
    expect((await t.request('/api/stations/zurich-hb/departures/s8', { method: 'DELETE', auth: true })).status).toBe(204);
    expect((await board()).departures).toEqual([]);
    expect((await t.request('/api/stations/zurich-hb/departures/s8')).status).toBe(404);
  });

  it('posts and clears an alert', async () => {
    const res = await t.request('/api/stations/zurich-hb/alerts', {
      method: 'POST',
      auth: true,
      json: { severity: 'warning', text: 'Lift out of service' },
    });
    expect(res.status).toBe(201);
    const alert = (await res.json()) as { id: string };
    expect((await board()).alerts).toMatchObject([{ id: alert.id, severity: 'warning', text: 'Lift out of service', validUntil: null }]);
    expect((await t.request(`/api/stations/zurich-hb/alerts/${alert.id}`, { method: 'DELETE', auth: true })).status).toBe(204);
    expect((await board()).alerts).toEqual([]);
  });

  describe('rejections change nothing', () => {
    let before: Board;
    beforeEach(async () => {
      await putDeparture('s8');
      before = await board();
    });
    afterEach(async () => expect(await board()).toEqual(before));

    it('401 without a token, with the exact body', async () => {
      const res = await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', json: { delayMinutes: 5 } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="headway"');
      expect(await res.json()).toEqual({
        statusCode: 401,
        error: 'unauthorized',
        message: 'This request needs an "Authorization: Bearer <token>" header or a console session',
      });
    });

    it('401 with a wrong token, on every kind of write', async () => {
      const wrong = { authorization: 'Bearer not-the-token' };
      const writes: Array<[string, string, unknown]> = [
        ['PUT', '/api/stations/zurich-hb', { name: 'X', timezone: 'Europe/Zurich' }],
        ['PUT', '/api/stations/zurich-hb/departures/s9', departureBody()],
        ['PATCH', '/api/stations/zurich-hb/departures/s8', { delayMinutes: 5 }],
        ['DELETE', '/api/stations/zurich-hb/departures/s8', undefined],
        ['POST', '/api/stations/zurich-hb/alerts', { severity: 'info', text: 'x' }],
        ['DELETE', '/api/stations/zurich-hb/alerts/a-1', undefined],
      ];
      for (const [method, path, json] of writes) {
        const res = await t.request(path, { method, json, headers: wrong });
        expect([method, path, res.status, await res.json()]).toEqual([
          method,
          path,
          401,
          { statusCode: 401, error: 'unauthorized', message: 'The credentials are not valid' },
        ]);
      }
    });

    it('400 naming each bad field', async () => {
      const res = await t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        auth: true,
        json: { delayMinutes: 2.5, platform: '', remarks: ['ok', 42], colour: 'red' },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is invalid: colour, delayMinutes, platform, remarks',
        fields: [
          { field: 'colour', message: 'property colour should not exist' },
          { field: 'delayMinutes', message: 'delayMinutes must be a whole number of minutes' },
          { field: 'platform', message: 'platform must be text of 1 to 8 characters' },
          { field: 'remarks', message: 'each value in remarks must be text of 1 to 200 characters' },
        ],
      });
    });

    it('400 for a departure without its required fields', async () => {
      const res = await putDeparture('s9', { line: 'S9' } as never);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { fields: Array<{ field: string }> };
      expect(body.fields.map((f) => f.field)).toEqual(['lineColor', 'destination', 'scheduledTime']);
    });

    it('400 for a time without a UTC offset, and for a delay and a time together', async () => {
      const noOffset = await putDeparture('s9', departureBody({ scheduledTime: '2026-11-23T09:32:00' }));
      expect(await noOffset.json()).toMatchObject({
        fields: [{ field: 'scheduledTime', message: 'scheduledTime must include a UTC offset ("Z" or "+01:00")' }],
      });
      const both = await t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        auth: true,
        json: { delayMinutes: 5, expectedTime: '2026-11-23T09:40:00Z' },
      });
      expect(await both.json()).toEqual({
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is invalid: delayMinutes',
        fields: [
          {
            field: 'delayMinutes',
            message: 'Give one of delayMinutes, addDelayMinutes or expectedTime, not delayMinutes and expectedTime',
          },
        ],
      });
    });

    it('400 for malformed JSON and an unknown timezone', async () => {
      const res = await t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        auth: true,
        body: '{"delayMinutes": 5',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, error: 'invalid_json' });
      const tz = await t.request('/api/stations/zurich-hb', {
        method: 'PUT',
        auth: true,
        json: { name: 'Zürich HB', timezone: 'Mars/Olympus' },
      });
      expect(await tz.json()).toEqual({
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is invalid: timezone',
        fields: [{ field: 'timezone', message: 'timezone must be an IANA timezone such as "Europe/Zurich"' }],
      });
    });

    it('404 for an unknown station or departure, with the exact body', async () => {
      const station = await t.request('/api/stations/nowhere/departures/s8', { method: 'PATCH', auth: true, json: { delayMinutes: 5 } });
      expect(station.status).toBe(404);
      expect(await station.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'Station "nowhere" does not exist' });
      const dep = await t.request('/api/stations/zurich-hb/departures/s99', { method: 'PATCH', auth: true, json: { delayMinutes: 5 } });
      expect(await dep.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'Departure "s99" does not exist' });
      const alert = await t.request('/api/stations/zurich-hb/alerts/a-nope', { method: 'DELETE', auth: true });
      expect(await alert.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'Alert "a-nope" does not exist' });
      expect(await (await t.request('/api/stations/nowhere/board')).json()).toEqual({
        statusCode: 404,
        error: 'not_found',
        message: 'Station "nowhere" does not exist',
      });
    });

    it('413 for an oversized body', async () => {
      const res = await t.request('/api/stations/zurich-hb/departures/s8', {
        method: 'PATCH',
        auth: true,
        json: { remarks: ['x'.repeat(2 * 1024 * 1024)] },
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        statusCode: 413,
        error: 'payload_too_large',
        message: 'The request body is larger than the limit of 1048576 bytes',
      });
    });
  });
});

describe('optimistic concurrency with ETag / If-Match (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterEach(() => t.close());

  const patch = (json: unknown, ifMatch?: string) =>
    t.request('/api/stations/zurich-hb/departures/s8', {
      method: 'PATCH',
      auth: true,
      json,
      headers: ifMatch ? { 'if-match': ifMatch } : {},
    });

  it('answers 412 to the second of two operators who both read version 1, and keeps the first change', async () => {
    const read = await t.request('/api/stations/zurich-hb/departures/s8');
    const etag = read.headers.get('etag')!;
    expect(etag).toBe('"1"');
    const first = await patch({ delayMinutes: 5 }, etag);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const second = await patch({ platform: '7' }, etag);
    expect(second.status).toBe(412);
    expect(await second.json()).toEqual({
      statusCode: 412,
      error: 'precondition_failed',
      message: 'Departure "s8" was changed by someone else (it is now at version 2, not 1); reload it and try again',
    });
    const now = (await (await t.request('/api/stations/zurich-hb/departures/s8')).json()) as Departure;
    expect(now).toMatchObject({ version: 2, platform: '33', status: 'delayed' });
  });

  it('applies a change whose If-Match is current, weak or *', async () => {
    expect((await patch({ delayMinutes: 1 }, 'W/"1"')).status).toBe(200);
    expect((await patch({ delayMinutes: 2 }, '*')).status).toBe(200);
  });

  it('rejects a malformed If-Match', async () => {
    const res = await patch({ delayMinutes: 1 }, 'version-one');
    expect(await res.json()).toMatchObject({ statusCode: 400, fields: [{ field: 'If-Match' }] });
  });
});
