import type { ApiError, BatchReport } from '#shared/api';
import type { Board } from '#shared/board';
import { type ConsoleSession, signIn } from '../support/console-session';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const STATION = '/api/stations/zurich-hb';
const DEPARTURE = `${STATION}/departures/s8`;
const FORM = 'must be an RFC 3339 date-time with a UTC offset, like "2026-11-23T09:32:00+01:00"';

/** Forms that ISO 8601 knows and main let through to a `RangeError: Invalid time value` (500). */
const FOREIGN_FORMS = [
  ['a week date', '2026-W49-2T20:00:00Z'],
  ['an ordinal date', '2026-335T20:00:00Z'],
  ['the basic format', '20261201T200000Z'],
  ['an hour-only time', '2026-12-01T20Z'],
] as const;

/** Every time field of every write body, with a body that would otherwise be accepted. */
const TIME_FIELDS: Array<{ route: string; method: string; path: string; field: string; body: (value: string) => object }> = [
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'scheduledTime',
    body: (v) => departureBody({ scheduledTime: v }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'expectedTime',
    body: (v) => departureBody({ expectedTime: v }),
  },
  { route: 'PATCH departure', method: 'PATCH', path: DEPARTURE, field: 'expectedTime', body: (v) => ({ expectedTime: v }) },
  {
    route: 'PATCH departure',
    method: 'PATCH',
    path: DEPARTURE,
    field: 'overrideUntil',
    body: (v) => ({ delayMinutes: 3, overrideUntil: v }),
  },
  {
    route: 'POST alert',
    method: 'POST',
    path: `${STATION}/alerts`,
    field: 'validFrom',
    body: (v) => ({ severity: 'info', text: 'Lift out of service', validFrom: v }),
  },
  {
    route: 'POST alert',
    method: 'POST',
    path: `${STATION}/alerts`,
    field: 'validUntil',
    body: (v) => ({ severity: 'info', text: 'Lift out of service', validUntil: v }),
  },
];

const RLO = '\u202E';

/** Every free-text field of every write body, with a value carrying `bad`. */
const TEXT_FIELDS: Array<{ route: string; method: string; path: string; field: string; body: (bad: string) => object }> = [
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'line',
    body: (b) => departureBody({ line: `S${b}8` }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'destination',
    body: (b) => departureBody({ destination: `Bern${b}` }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'origin',
    body: (b) => departureBody({ origin: `Chur${b}` }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'via[1]',
    body: (b) => departureBody({ via: ['Olten', `Aarau${b}`] }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'scheduledPlatform',
    body: (b) => departureBody({ scheduledPlatform: `3${b}` }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'platform',
    body: (b) => departureBody({ platform: `4${b}` }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'cancelReason',
    body: (b) => departureBody({ cancelled: true, cancelReason: `Staff${b}` }),
  },
  {
    route: 'PUT departure',
    method: 'PUT',
    path: `${STATION}/departures/new`,
    field: 'remarks[0]',
    body: (b) => departureBody({ remarks: [`Quiet${b} zone`] }),
  },
  { route: 'PATCH departure', method: 'PATCH', path: DEPARTURE, field: 'platform', body: (b) => ({ platform: `7${b}` }) },
  { route: 'PATCH departure', method: 'PATCH', path: DEPARTURE, field: 'remarks[0]', body: (b) => ({ remarks: [`Delay${b}`] }) },
  {
    route: 'PATCH departure',
    method: 'PATCH',
    path: DEPARTURE,
    field: 'cancelReason',
    body: (b) => ({ cancelled: true, cancelReason: `Strike${b}` }),
  },
  {
    route: 'POST alert',
    method: 'POST',
    path: `${STATION}/alerts`,
    field: 'text',
    body: (b) => ({ severity: 'info', text: `Lift${b} out of service` }),
  },
  {
    route: 'PUT station',
    method: 'PUT',
    path: STATION,
    field: 'name',
    body: (b) => ({ name: `Zürich${b} HB`, timezone: 'Europe/Zurich' }),
  },
  {
    route: 'POST line-delays',
    method: 'POST',
    path: `${STATION}/line-delays`,
    field: 'line',
    body: (b) => ({ line: `S${b}8`, delayMinutes: 5 }),
  },
  {
    route: 'POST tokens',
    method: 'POST',
    path: '/api/tokens',
    field: 'name',
    body: (b) => ({ name: `feed${b}`, permissions: ['departures'] }),
  },
];

/** What passengers must never be shown, and the reason the API gives. */
const BAD_TEXT = [
  ['a right-to-left override', RLO, 'contains a bidirectional control (U+202E)'],
  ['a left-to-right embedding', '\u202A', 'contains a bidirectional control (U+202A)'],
  ['a directional isolate', '\u2067', 'contains a bidirectional control (U+2067)'],
  ['NUL', '\u0000', 'contains a control character (U+0000)'],
  ['an escape sequence', '\u001B[2J', 'contains a control character (U+001B)'],
  ['a C1 control', '\u009B', 'contains a control character (U+009B)'],
  ['a newline', '\n', 'contains a control character (U+000A)'],
] as const;

const INVISIBLE = [
  ['zero-width spaces', '\u200B\u200B'],
  ['a word joiner and a BOM', '\u2060\uFEFF'],
  ['ideographic spaces and a soft hyphen', '\u3000\u00AD'],
] as const;

const tableFor = <T extends { route: string; field: string }, V extends readonly unknown[]>(fields: T[], values: readonly V[]) =>
  fields.flatMap((f) => values.map((v) => [`${f.route} ${f.field}: ${String(v[0])}`, f, v] as const));

describe('validation at the API edge: times and text (e2e)', () => {
  let t: TestApp;
  let admin: ConsoleSession;

  beforeAll(async () => {
    t = await startTestApp();
    await createStation(t, 'zurich-hb', 'Zürich HB');
    expect((await t.request(DEPARTURE, { method: 'PUT', auth: true, json: departureBody() })).status).toBe(201);
    admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(() => t.close());

  /** Everything a refused write must leave as it was. */
  const state = async () => ({
    board: (await (await t.request(`${STATION}/board`)).json()) as Board,
    station: await (await t.request(STATION)).json(),
    audit: await (await admin.request('/api/audit?limit=1000')).json(),
    tokens: ((await (await admin.request('/api/tokens')).json()) as Array<{ id: string }>).map((x) => x.id),
  });

  const refused = async (method: string, path: string, body: object, field: string, message: string, session?: ConsoleSession) => {
    const before = await state();
    const res = session ? await session.request(path, { method, json: body }) : await t.request(path, { method, auth: true, json: body });
    const answer = (await res.json()) as ApiError;
    const property = field.replace(/\[\d+\]$/, '');
    expect([res.status, answer]).toEqual([
      400,
      {
        statusCode: 400,
        error: 'validation_failed',
        message: `The request is invalid: ${property}`,
        fields: [{ field: property, message }],
      },
    ]);
    expect(await state()).toEqual(before);
  };

  describe('times', () => {
    it.each(tableFor(TIME_FIELDS, FOREIGN_FORMS))('%s is a 400 naming the field, not a 500', async (_name, f, [, value]) => {
      await refused(f.method, f.path, f.body(value), f.field, `${f.field} ${FORM}`);
    });

    it.each(TIME_FIELDS.map((f) => [`${f.route} ${f.field}`, f] as const))(
      '%s: the 30th of February and hour 24 are not real times',
      async (_name, f) => {
        await refused(f.method, f.path, f.body('2027-02-30T20:00:00Z'), f.field, `${f.field} is not a real date and time`);
        await refused(f.method, f.path, f.body('2026-12-01T24:00:00Z'), f.field, `${f.field} is not a real date and time`);
      },
    );

    it("refuses an alert time without an offset instead of reading it in the server's zone", async () => {
      const body = { severity: 'info', text: 'Lift out of service', validFrom: '2026-12-01T20:00:00' };
      await refused('POST', `${STATION}/alerts`, body, 'validFrom', 'validFrom must include a UTC offset ("Z" or "+01:00")');
      await refused(
        'POST',
        `${STATION}/alerts`,
        { ...body, validFrom: null, validUntil: '2026-12-24T20:00' },
        'validUntil',
        'validUntil must include a UTC offset ("Z" or "+01:00")',
      );
    });

    it('refuses a departure in year 9999 or 1970, saying the window', async () => {
      const message = 'scheduledTime must be between 2 days ago and 400 days from now';
      await refused('PUT', `${STATION}/departures/new`, departureBody({ scheduledTime: '9999-12-31T23:59:00Z' }), 'scheduledTime', message);
      await refused('PUT', `${STATION}/departures/new`, departureBody({ scheduledTime: '1970-01-01T00:00:00Z' }), 'scheduledTime', message);
      await refused('PUT', DEPARTURE, departureBody({}, 401 * 24 * 60), 'scheduledTime', message);
    });

    it('refuses an alert valid until year 9999, and a hold until then from an operator or a feed', async () => {
      const alert = { severity: 'info', text: 'Lift out of service', validUntil: '9999-01-01T00:00:00Z' };
      await refused('POST', `${STATION}/alerts`, alert, 'validUntil', 'validUntil must be between 365 days ago and 730 days from now');
      const hold = { delayMinutes: 3, overrideUntil: '9999-01-01T00:00:00Z' };
      await refused('PATCH', DEPARTURE, hold, 'overrideUntil', 'overrideUntil must be between 2 days ago and 400 days from now', admin);
      await refused('PATCH', DEPARTURE, hold, 'overrideUntil', 'overrideUntil must be between 2 days ago and 400 days from now');
    });

    it('still takes every form the README and the console send, each read as the same instant', async () => {
      const at = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
      const [date, minute] = [at.toISOString().slice(0, 10), at.toISOString().slice(11, 16)];
      const zurich = new Date(at.getTime() + 3_600_000).toISOString().slice(0, 16);
      const forms = [
        at.toISOString(),
        `${date}T${minute}:00Z`,
        `${date}T${minute}Z`,
        `${zurich}:00+01:00`,
        `${zurich}+01:00`,
        `${date}T${minute}:00.000000-00:00`,
      ];
      for (const [i, scheduledTime] of forms.entries()) {
        const res = await t.request(`${STATION}/departures/form-${i}`, {
          method: 'PUT',
          auth: true,
          json: departureBody({ scheduledTime }),
        });
        expect([scheduledTime, res.status, ((await res.json()) as { scheduledTime: string }).scheduledTime]).toEqual([
          scheduledTime,
          201,
          at.toISOString(),
        ]);
      }
    });
  });

  describe('text', () => {
    it.each(tableFor(TEXT_FIELDS, BAD_TEXT))('%s is refused, naming the field and the character', async (_name, f, [, bad, reason]) => {
      await refused(f.method, f.path, f.body(bad), f.field, `${f.field} ${reason}`);
    });

    it.each(
      tableFor(
        TEXT_FIELDS.filter((f) => !f.field.endsWith(']')),
        INVISIBLE,
      ),
    )('%s alone is text with nothing visible', async (_name, f, [, invisible]) => {
      const body = f.body('') as Record<string, unknown>;
      const key = f.field;
      await refused(f.method, f.path, { ...body, [key]: invisible }, f.field, `${f.field} has no visible characters`);
    });

    it('keeps accepting text in any script, with the marks and joiners scripts and emoji need', async () => {
      const body = departureBody({
        destination: 'תל אביב\u200F',
        via: ['Genève-Aéroport', 'خط\u200Cها'],
        remarks: ['👩\u200D👩\u200D👧 family zone', 'Kurswagen nach München'],
      });
      const res = await t.request(`${STATION}/departures/scripts`, { method: 'PUT', auth: true, json: body });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ destination: body.destination, via: body.via, remarks: body.remarks });
    });
  });

  describe('a batch', () => {
    it('rejects an item with a foreign date form or bad text alone, by index and field, and stores the valid ones', async () => {
      const before = (await state()).board;
      const res = await t.request('/api/updates', {
        method: 'POST',
        auth: true,
        json: {
          updates: [
            { op: 'put-departure', stationId: 'zurich-hb', departureId: 'b1', departure: departureBody({ line: 'S1' }) },
            {
              op: 'put-departure',
              stationId: 'zurich-hb',
              departureId: 'b2',
              departure: departureBody({ scheduledTime: '2026-W49-2T20:00:00Z' }),
            },
            { op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8', patch: { expectedTime: '20261201T200000Z' } },
            { op: 'post-alert', stationId: 'zurich-hb', alert: { severity: 'info', text: `Platform 3 ${RLO}closed` } },
            { op: 'post-alert', stationId: 'zurich-hb', alert: { severity: 'info', text: 'Works', validFrom: '2026-12-01T20:00:00' } },
            {
              op: 'put-departure',
              stationId: 'zurich-hb',
              departureId: 'b3',
              departure: departureBody({ scheduledTime: '9999-01-01T00:00:00Z' }),
            },
            { op: 'post-alert', stationId: 'zurich-hb', alert: { severity: 'warning', text: 'Lift out of service' } },
          ],
        },
      });
      expect(res.status).toBe(200);
      const report = (await res.json()) as BatchReport;
      const rejected = (field: string, message: string) => ({
        status: 'rejected',
        error: { statusCode: 400, error: 'validation_failed', message: `The request is invalid: ${field}`, fields: [{ field, message }] },
      });
      expect(report.results.map(({ seq: _seq, ...result }) => result)).toEqual([
        { index: 0, status: 'applied' },
        { index: 1, ...rejected('departure.scheduledTime', `scheduledTime ${FORM}`) },
        { index: 2, ...rejected('patch.expectedTime', `expectedTime ${FORM}`) },
        { index: 3, ...rejected('alert.text', 'text contains a bidirectional control (U+202E)') },
        { index: 4, ...rejected('alert.validFrom', 'validFrom must include a UTC offset ("Z" or "+01:00")') },
        { index: 5, ...rejected('departure.scheduledTime', 'scheduledTime must be between 2 days ago and 400 days from now') },
        { index: 6, status: 'applied' },
      ]);
      expect(report).toMatchObject({ applied: 2, rejected: 5 });
      const after = (await state()).board;
      expect(after.departures.map((d) => d.id).sort()).toEqual([...before.departures.map((d) => d.id), 'b1'].sort());
      expect(after.departures.find((d) => d.id === 's8')).toEqual(before.departures.find((d) => d.id === 's8'));
      expect(after.alerts.map((a) => a.text)).toEqual([...before.alerts.map((a) => a.text), 'Lift out of service']);
    });
  });
});

describe("the time window follows the boards' clock (e2e)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CLOCK: '2023-11-08T01:00:00Z' });
    await createStation(t, 'caltrain-tamien', 'Tamien');
  });
  afterAll(() => t.close());

  it("takes a replay's own times and refuses ones years from its clock", async () => {
    const put = (id: string, scheduledTime: string) =>
      t.request(`/api/stations/caltrain-tamien/departures/${id}`, { method: 'PUT', auth: true, json: departureBody({ scheduledTime }) });
    expect((await put('replayed', '2023-11-08T01:30:00-08:00')).status).toBe(201);
    const far = await put('far', '2026-12-01T20:00:00Z');
    expect([far.status, ((await far.json()) as ApiError).fields]).toEqual([
      400,
      [{ field: 'scheduledTime', message: 'scheduledTime must be between 2 days ago and 400 days from now' }],
    ]);
  });
});
