import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ApiError } from '#shared/api';
import { type ConsoleSession, signIn } from '../support/console-session';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, TEST_ADMIN, TEST_TOKEN, type TestApp } from '../support/test-app';

/**
 * The bad-input battery: hundreds of malformed requests over every write route, as a careless
 * feed or a hostile client would send them. Each must get a 4xx in the API's one error shape,
 * naming the field or the problem, and change nothing: not the board, not the event log (the
 * board's seq), not the audit log, not the accounts or the feeds.
 */

/** What a case sends; `body` is sent as it is (a string or bytes), `json` is serialized. */
interface BadRequest {
  name: string;
  method: string;
  path: string;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** The status expected; a list when more than one answer is right. */
  status: number | number[];
  /** What the answer must name: a field path, or a pattern the message (or a field) matches. */
  names: string | RegExp;
}

const STATION = '/api/stations/zurich-hb';
const DEPARTURE = `${STATION}/departures/s8`;
const MESSAGE_TEXT = 'Lift out of service';

/** Instants that are not RFC 3339 with an offset, or not within the board's window. */
const BAD_INSTANTS: Array<[string, unknown]> = [
  ['a week date', '2026-W49-2T20:00:00Z'],
  ['an ordinal date', '2026-335T20:00:00Z'],
  ['the basic format', '20261201T200000Z'],
  ['an hour-only time', '2026-12-01T20Z'],
  ['no offset', '2026-12-01T20:00:00'],
  ['a date only', '2026-12-01'],
  ['the 30th of February', '2026-02-30T20:00:00Z'],
  ['hour 25', '2026-12-01T25:00:00Z'],
  ['year 9999', '9999-12-01T20:00:00Z'],
  ['a space for the T and words', 'tomorrow at 8'],
  ['a number', 1764619200000],
  ['an empty string', ''],
];

/** Text that would reach passengers garbled or invisible. */
const BAD_TEXTS: Array<[string, unknown]> = [
  ['a bidi override', 'Platform \u202E14 ot og'],
  ['a NUL', 'Lift\u0000 out'],
  ['a bell control', 'Lift\u0007 out'],
  ['a C1 control', 'Lift\u0085 out'],
  ['zero-width characters only', '\u200B\u200C\u200D'],
  ['whitespace only', '   '],
  ['a number', 42],
  ['an object', { en: 'Lift' }],
];

function routeCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  const put = (p: Record<string, unknown>) => ({ ...departureBody(), ...p });

  // PUT a departure: each field wrong in each way it can be.
  for (const [what, value] of BAD_INSTANTS) {
    cases.push({
      name: `PUT departure: scheduledTime as ${what}`,
      method: 'PUT',
      path: DEPARTURE,
      json: put({ scheduledTime: value }),
      status: 400,
      names: 'scheduledTime',
    });
    cases.push({
      name: `PUT departure: expectedTime as ${what}`,
      method: 'PUT',
      path: DEPARTURE,
      json: put({ expectedTime: value }),
      status: 400,
      names: 'expectedTime',
    });
    cases.push({
      name: `PATCH departure: expectedTime as ${what}`,
      method: 'PATCH',
      path: DEPARTURE,
      json: { expectedTime: value },
      status: 400,
      names: 'expectedTime',
    });
    cases.push({
      name: `PATCH departure: overrideUntil as ${what}`,
      method: 'PATCH',
      path: DEPARTURE,
      json: { delayMinutes: 2, overrideUntil: value },
      status: 400,
      names: 'overrideUntil',
    });
    cases.push({
      name: `POST alert: validFrom as ${what}`,
      method: 'POST',
      path: `${STATION}/alerts`,
      json: { severity: 'info', text: MESSAGE_TEXT, validFrom: value },
      status: 400,
      names: 'validFrom',
    });
    cases.push({
      name: `POST alert: validUntil as ${what}`,
      method: 'POST',
      path: `${STATION}/alerts`,
      json: { severity: 'info', text: MESSAGE_TEXT, validUntil: value },
      status: 400,
      names: 'validUntil',
    });
  }
  for (const [what, value] of BAD_TEXTS) {
    cases.push({
      name: `PUT departure: destination as ${what}`,
      method: 'PUT',
      path: DEPARTURE,
      json: put({ destination: value }),
      status: 400,
      names: 'destination',
    });
    cases.push({
      name: `PUT departure: a via stop as ${what}`,
      method: 'PUT',
      path: DEPARTURE,
      json: put({ via: ['Oerlikon', value] }),
      status: 400,
      names: /via/,
    });
    cases.push({
      name: `PATCH departure: cancelReason as ${what}`,
      method: 'PATCH',
      path: DEPARTURE,
      json: { cancelled: true, cancelReason: value },
      status: 400,
      names: 'cancelReason',
    });
    cases.push({
      name: `PATCH departure: a remark as ${what}`,
      method: 'PATCH',
      path: DEPARTURE,
      json: { remarks: [value] },
      status: 400,
      names: /remarks/,
    });
    cases.push({
      name: `POST alert: text as ${what}`,
      method: 'POST',
      path: `${STATION}/alerts`,
      json: { severity: 'warning', text: value },
      status: 400,
      names: 'text',
    });
    cases.push({
      name: `PUT station: name as ${what}`,
      method: 'PUT',
      path: STATION,
      json: { name: value, timezone: 'Europe/Zurich' },
      status: 400,
      names: 'name',
    });
    cases.push({
      name: `POST line-delays: line as ${what}`,
      method: 'POST',
      path: `${STATION}/line-delays`,
      json: { line: value, delayMinutes: 5 },
      status: 400,
      names: 'line',
    });
    cases.push({
      name: `POST tokens: name as ${what}`,
      method: 'POST',
      path: '/api/tokens',
      json: { name: value, permissions: ['departures'] },
      status: 400,
      names: 'name',
    });
  }

  // Missing, extra and mistyped fields.
  for (const field of ['line', 'lineColor', 'destination', 'scheduledTime'] as const) {
    const json: Record<string, unknown> = put({});
    delete json[field];
    cases.push({ name: `PUT departure: without ${field}`, method: 'PUT', path: DEPARTURE, json, status: 400, names: field });
  }
  cases.push(
    { name: 'PUT departure: an unknown field', method: 'PUT', path: DEPARTURE, json: put({ colour: 'red' }), status: 400, names: 'colour' },
    {
      name: 'PUT departure: lineColor not a colour',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ lineColor: 'red' }),
      status: 400,
      names: 'lineColor',
    },
    {
      name: 'PUT departure: lineColor with 3 digits',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ lineColor: '#fff' }),
      status: 400,
      names: 'lineColor',
    },
    {
      name: 'PUT departure: a kind that is not one',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ kind: 'freight' }),
      status: 400,
      names: 'kind',
    },
    {
      name: 'PUT departure: line too long',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ line: 'S'.repeat(17) }),
      status: 400,
      names: 'line',
    },
    {
      name: 'PUT departure: destination too long',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ destination: 'x'.repeat(81) }),
      status: 400,
      names: 'destination',
    },
    {
      name: 'PUT departure: 13 via stops',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ via: Array.from({ length: 13 }, (_, i) => `Stop ${i}`) }),
      status: 400,
      names: 'via',
    },
    { name: 'PUT departure: via as a string', method: 'PUT', path: DEPARTURE, json: put({ via: 'Oerlikon' }), status: 400, names: 'via' },
    {
      name: 'PUT departure: cancelled as a string',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ cancelled: 'yes' }),
      status: 400,
      names: 'cancelled',
    },
    {
      name: 'PUT departure: platform too long',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ platform: '123456789' }),
      status: 400,
      names: 'platform',
    },
    {
      name: 'PUT departure: 6 remarks',
      method: 'PUT',
      path: DEPARTURE,
      json: put({ remarks: ['a', 'b', 'c', 'd', 'e', 'f'] }),
      status: 400,
      names: 'remarks',
    },
    {
      name: 'PUT departure: an id with a space',
      method: 'PUT',
      path: `${STATION}/departures/s%208`,
      json: put({}),
      status: 400,
      names: 'departureId',
    },
    {
      name: 'PUT departure: an id of 129 characters',
      method: 'PUT',
      path: `${STATION}/departures/${'d'.repeat(129)}`,
      json: put({}),
      status: 400,
      names: 'departureId',
    },
    {
      name: 'PUT departure: an id with a NUL',
      method: 'PUT',
      path: `${STATION}/departures/s8%00`,
      json: put({}),
      status: 400,
      names: 'departureId',
    },
    {
      name: 'PUT departure: a station id in capitals',
      method: 'PUT',
      path: '/api/stations/Zurich-HB/departures/s8',
      json: put({}),
      status: 400,
      names: 'stationId',
    },
    {
      name: 'PATCH departure: delay as a string',
      method: 'PATCH',
      path: DEPARTURE,
      json: { delayMinutes: '5' },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'PATCH departure: delay of 2.5 minutes',
      method: 'PATCH',
      path: DEPARTURE,
      json: { delayMinutes: 2.5 },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'PATCH departure: delay of 10 days',
      method: 'PATCH',
      path: DEPARTURE,
      json: { delayMinutes: 14400 },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'PATCH departure: delay of -61 minutes',
      method: 'PATCH',
      path: DEPARTURE,
      json: { delayMinutes: -61 },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'PATCH departure: a timetable field',
      method: 'PATCH',
      path: DEPARTURE,
      json: { scheduledTime: '2026-12-01T20:00:00Z' },
      status: 400,
      names: 'scheduledTime',
    },
    {
      name: 'PATCH departure: releaseOverride false',
      method: 'PATCH',
      path: DEPARTURE,
      json: { releaseOverride: false },
      status: 400,
      names: 'releaseOverride',
    },
    {
      name: 'PATCH departure: an unknown departure',
      method: 'PATCH',
      path: `${STATION}/departures/never-was`,
      json: { delayMinutes: 3 },
      status: 404,
      names: /never-was/,
    },
    {
      name: 'PATCH departure: an unknown station',
      method: 'PATCH',
      path: '/api/stations/nowhere/departures/s8',
      json: { delayMinutes: 3 },
      status: 404,
      names: /nowhere/,
    },
    {
      name: 'DELETE departure: an unknown departure',
      method: 'DELETE',
      path: `${STATION}/departures/never-was`,
      status: 404,
      names: /never-was/,
    },
    {
      name: 'DELETE departure: a bad id',
      method: 'DELETE',
      path: `${STATION}/departures/..%2F..`,
      status: [400, 404],
      names: /departureId|does not exist|not found/i,
    },
    {
      name: 'POST alert: a severity that is not one',
      method: 'POST',
      path: `${STATION}/alerts`,
      json: { severity: 'panic', text: MESSAGE_TEXT },
      status: 400,
      names: 'severity',
    },
    { name: 'POST alert: without text', method: 'POST', path: `${STATION}/alerts`, json: { severity: 'info' }, status: 400, names: 'text' },
    {
      name: 'POST alert: text of 501 characters',
      method: 'POST',
      path: `${STATION}/alerts`,
      json: { severity: 'info', text: 'x'.repeat(501) },
      status: 400,
      names: 'text',
    },
    {
      name: 'POST alert: an unknown field',
      method: 'POST',
      path: `${STATION}/alerts`,
      json: { severity: 'info', text: MESSAGE_TEXT, html: '<b>' },
      status: 400,
      names: 'html',
    },
    {
      name: 'POST alert: for an unknown station',
      method: 'POST',
      path: '/api/stations/nowhere/alerts',
      json: { severity: 'info', text: MESSAGE_TEXT },
      status: 404,
      names: /nowhere/,
    },
    { name: 'DELETE alert: an unknown alert', method: 'DELETE', path: `${STATION}/alerts/never-was`, status: 404, names: /never-was/ },
    {
      name: 'PUT station: an unknown timezone',
      method: 'PUT',
      path: STATION,
      json: { name: 'Zürich HB', timezone: 'Mars/Olympus' },
      status: 400,
      names: 'timezone',
    },
    {
      name: 'PUT station: a UTC offset for a timezone',
      method: 'PUT',
      path: STATION,
      json: { name: 'Zürich HB', timezone: '+01:00' },
      status: 400,
      names: 'timezone',
    },
    { name: 'PUT station: without a name', method: 'PUT', path: STATION, json: { timezone: 'Europe/Zurich' }, status: 400, names: 'name' },
    {
      name: 'PUT station: a name of 121 characters',
      method: 'PUT',
      path: STATION,
      json: { name: 'x'.repeat(121), timezone: 'Europe/Zurich' },
      status: 400,
      names: 'name',
    },
    {
      name: 'PUT station: an id with a dot',
      method: 'PUT',
      path: '/api/stations/zurich.hb',
      json: { name: 'Zürich HB', timezone: 'Europe/Zurich' },
      status: 400,
      names: 'stationId',
    },
    {
      name: 'PUT station: an id of 65 characters',
      method: 'PUT',
      path: `/api/stations/${'z'.repeat(65)}`,
      json: { name: 'Zürich HB', timezone: 'Europe/Zurich' },
      status: 400,
      names: 'stationId',
    },
    {
      name: 'POST line-delays: without a delay',
      method: 'POST',
      path: `${STATION}/line-delays`,
      json: { line: 'S8' },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'POST line-delays: delay as a string',
      method: 'POST',
      path: `${STATION}/line-delays`,
      json: { line: 'S8', delayMinutes: 'five' },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'POST line-delays: delay of 1441 minutes',
      method: 'POST',
      path: `${STATION}/line-delays`,
      json: { line: 'S8', delayMinutes: 1441 },
      status: 400,
      names: 'delayMinutes',
    },
    {
      name: 'POST users: an uppercase username',
      method: 'POST',
      path: '/api/users',
      json: { username: 'Admin2', password: 'a long password here', role: 'viewer' },
      status: 400,
      names: 'username',
    },
    {
      name: 'POST users: a short password',
      method: 'POST',
      path: '/api/users',
      json: { username: 'someone', password: 'short', role: 'viewer' },
      status: 400,
      names: 'password',
    },
    {
      name: 'POST users: a role that is not one',
      method: 'POST',
      path: '/api/users',
      json: { username: 'someone', password: 'a long password here', role: 'root' },
      status: 400,
      names: 'role',
    },
    {
      name: 'POST users: stations as a string',
      method: 'POST',
      path: '/api/users',
      json: { username: 'someone', password: 'a long password here', role: 'operator', stations: 'zurich-hb' },
      status: 400,
      names: 'stations',
    },
    {
      name: 'POST users: a bad station id',
      method: 'POST',
      path: '/api/users',
      json: { username: 'someone', password: 'a long password here', role: 'operator', stations: ['Zürich HB'] },
      status: 400,
      names: 'stations',
    },
    {
      name: 'POST users: an existing username',
      method: 'POST',
      path: '/api/users',
      json: { username: 'admin', password: 'a long password here', role: 'viewer' },
      status: 409,
      names: /admin/,
    },
    {
      name: 'POST tokens: no permissions',
      method: 'POST',
      path: '/api/tokens',
      json: { name: 'feed', permissions: [] },
      status: 400,
      names: 'permissions',
    },
    {
      name: 'POST tokens: the admin permission',
      method: 'POST',
      path: '/api/tokens',
      json: { name: 'feed', permissions: ['admin'] },
      status: 400,
      names: 'permissions',
    },
    {
      name: 'POST tokens: permissions as a string',
      method: 'POST',
      path: '/api/tokens',
      json: { name: 'feed', permissions: 'departures' },
      status: 400,
      names: 'permissions',
    },
    { name: 'DELETE tokens: an unknown token', method: 'DELETE', path: '/api/tokens/tok-never', status: 404, names: /tok-never/ },
    { name: 'DELETE users: an unknown user', method: 'DELETE', path: '/api/users/usr-never', status: 404, names: /usr-never/ },
    {
      name: 'PUT feed: a bad feed id',
      method: 'PUT',
      path: '/api/feeds/Cal_Train',
      json: { name: 'Caltrain' },
      status: 400,
      names: 'feedId',
    },
    {
      name: 'PUT feed: an ftp URL',
      method: 'PUT',
      path: '/api/feeds/caltrain',
      json: { tripUpdatesUrl: 'ftp://feeds.example.org/tu.pb' },
      status: 400,
      names: 'tripUpdatesUrl',
    },
    {
      name: 'PUT feed: a URL that is not one',
      method: 'PUT',
      path: '/api/feeds/caltrain',
      json: { alertsUrl: 'not a url' },
      status: 400,
      names: 'alertsUrl',
    },
    {
      name: 'PUT feed: a javascript URL',
      method: 'PUT',
      path: '/api/feeds/caltrain',
      json: { alertsUrl: 'javascript:alert(1)' },
      status: 400,
      names: 'alertsUrl',
    },
    {
      name: 'PUT feed: poll every second',
      method: 'PUT',
      path: '/api/feeds/caltrain',
      json: { pollSeconds: 1 },
      status: 400,
      names: 'pollSeconds',
    },
    {
      name: 'PUT feed: poll as a string',
      method: 'PUT',
      path: '/api/feeds/caltrain',
      json: { pollSeconds: '30' },
      status: 400,
      names: 'pollSeconds',
    },
    {
      name: 'PUT feed: an unknown field',
      method: 'PUT',
      path: '/api/feeds/caltrain',
      json: { url: 'https://x.example.org' },
      status: 400,
      names: 'url',
    },
    {
      name: 'POST schedule: JSON instead of a zip',
      method: 'POST',
      path: '/api/feeds/caltrain/schedule',
      json: { zip: 'base64' },
      status: 415,
      names: /zip/,
    },
    {
      name: 'POST schedule: bytes that are not a zip',
      method: 'POST',
      path: '/api/feeds/caltrain/schedule',
      body: 'PK not really',
      headers: { 'content-type': 'application/zip' },
      status: [400, 422],
      names: /zip/i,
    },
    {
      name: 'POST schedule: a bad from date',
      method: 'POST',
      path: '/api/feeds/caltrain/schedule?from=yesterday',
      body: 'PK',
      headers: { 'content-type': 'application/zip' },
      status: 400,
      names: 'from',
    },
    {
      name: 'POST schedule: 99 days',
      method: 'POST',
      path: '/api/feeds/caltrain/schedule?days=99',
      body: 'PK',
      headers: { 'content-type': 'application/zip' },
      status: 400,
      names: 'days',
    },
    {
      name: 'POST gtfs-rt: text/plain',
      method: 'POST',
      path: '/api/feeds/caltrain/gtfs-rt',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      names: /protobuf/,
    },
    {
      name: 'POST gtfs-rt: bytes that are not protobuf',
      method: 'POST',
      path: '/api/feeds/caltrain/gtfs-rt',
      body: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
      headers: { 'content-type': 'application/x-protobuf' },
      status: 400,
      names: /feed|protobuf|decode/i,
    },
    {
      name: 'POST gtfs-rt: declared gzip but not gzip',
      method: 'POST',
      path: '/api/feeds/caltrain/gtfs-rt',
      body: 'not gzip at all',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      status: 400,
      names: /gzip|body|feed/i,
    },
    {
      name: 'POST gtfs-rt: an encoding nobody supports',
      method: 'POST',
      path: '/api/feeds/caltrain/gtfs-rt',
      body: 'x',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'x-rot13' },
      status: 415,
      names: /encoding|rot13/i,
    },
    { name: 'POST reload: an unknown screen', method: 'POST', path: '/api/screens/scr-never/reload', status: 404, names: /scr-never/ },
    {
      name: 'POST login: without a password',
      method: 'POST',
      path: '/api/auth/login',
      json: { username: 'admin' },
      status: 400,
      names: 'password',
    },
    {
      name: 'POST login: username as a number',
      method: 'POST',
      path: '/api/auth/login',
      json: { username: 7, password: 'x' },
      status: 400,
      names: 'username',
    },
  );

  // The batch: each bad item is rejected alone (its error names the field inside the update).
  const item = (u: Record<string, unknown>) => ({
    op: 'put-departure',
    stationId: 'zurich-hb',
    departureId: 's8',
    departure: departureBody(),
    ...u,
  });
  const batchItems: Array<[string, unknown, string | RegExp]> = [
    ...BAD_INSTANTS.map(([what, value]): [string, unknown, string] => [
      `scheduledTime as ${what}`,
      item({ departure: { ...departureBody(), scheduledTime: value } }),
      'departure.scheduledTime',
    ]),
    ...BAD_INSTANTS.slice(0, 6).map(([what, value]): [string, unknown, string] => [
      `an alert's validUntil as ${what}`,
      { op: 'post-alert', stationId: 'zurich-hb', alert: { severity: 'info', text: MESSAGE_TEXT, validUntil: value } },
      'alert.validUntil',
    ]),
    ...BAD_TEXTS.slice(0, 5).map(([what, value]): [string, unknown, string] => [
      `an alert's text as ${what}`,
      { op: 'post-alert', stationId: 'zurich-hb', alert: { severity: 'info', text: value } },
      'alert.text',
    ]),
    ['an op that is not one', item({ op: 'drop-table' }), 'op'],
    ['no op', { stationId: 'zurich-hb' }, 'op'],
    ['a bad station id', item({ stationId: '../etc' }), 'stationId'],
    ['an unknown station', item({ stationId: 'nowhere' }), /nowhere/],
    [
      'a patch with an unknown field',
      { op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8', patch: { delay: 5 } },
      'patch.delay',
    ],
    [
      'a patch of an unknown departure',
      { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'never-was', patch: { delayMinutes: 5 } },
      /never-was/,
    ],
    ['a departure that is a string', item({ departure: 'S8 to Pfäffikon' }), 'departure'],
    ['an item that is a number', 7, /update|object|op/i],
    ['an item that is null', null, /update|object|op/i],
  ];
  for (const [what, update, names] of batchItems) {
    // An item that is not even an object may fail the batch's own shape (400) instead.
    const status = update === null || typeof update !== 'object' ? [200, 400] : 200;
    cases.push({
      name: `POST updates: an item with ${what}`,
      method: 'POST',
      path: '/api/updates',
      json: { updates: [update] },
      status,
      names,
    });
  }
  cases.push(
    { name: 'POST updates: no updates', method: 'POST', path: '/api/updates', json: { updates: [] }, status: 400, names: 'updates' },
    {
      name: 'POST updates: updates as an object',
      method: 'POST',
      path: '/api/updates',
      json: { updates: { op: 'put-departure' } },
      status: 400,
      names: 'updates',
    },
    {
      name: 'POST updates: 5,001 updates',
      method: 'POST',
      path: '/api/updates',
      json: { updates: Array.from({ length: 5001 }, () => ({ op: 'clear-alert', stationId: 'zurich-hb', alertId: 'x' })) },
      status: 400,
      names: 'updates',
    },
    {
      name: 'POST updates: a field beside updates',
      method: 'POST',
      path: '/api/updates',
      json: { updates: [item({})], dryRun: true },
      status: 400,
      names: 'dryRun',
    },
  );
  return cases;
}

/** Bodies wrong before any field is read: content types, encodings, syntax, sizes, nesting, prototype keys. */
function bodyCases(): BadRequest[] {
  const routes: Array<[string, string, string, unknown]> = [
    ['PUT departure', 'PUT', DEPARTURE, departureBody()],
    ['PATCH departure', 'PATCH', DEPARTURE, { delayMinutes: 5 }],
    ['POST alert', 'POST', `${STATION}/alerts`, { severity: 'info', text: MESSAGE_TEXT }],
    ['PUT station', 'PUT', STATION, { name: 'Zürich HB', timezone: 'Europe/Zurich' }],
    ['POST line-delays', 'POST', `${STATION}/line-delays`, { line: 'S8', delayMinutes: 5 }],
    ['POST updates', 'POST', '/api/updates', { updates: [{ op: 'clear-alert', stationId: 'zurich-hb', alertId: 'x' }] }],
    ['POST tokens', 'POST', '/api/tokens', { name: 'feed', permissions: ['departures'] }],
    ['POST users', 'POST', '/api/users', { username: 'someone', password: 'a long password here', role: 'viewer' }],
    ['PUT feed', 'PUT', '/api/feeds/caltrain', { name: 'Caltrain' }],
  ];
  const json = { 'content-type': 'application/json' };
  const cases: BadRequest[] = [];
  for (const [route, method, path, good] of routes) {
    const text = JSON.stringify(good);
    const nested = (depth: number) => `${text.slice(0, -1)},"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    cases.push(
      { name: `${route}: JSON cut short`, method, path, body: text.slice(0, -3), headers: json, status: 400, names: /JSON/ },
      { name: `${route}: JSON with trailing garbage`, method, path, body: `${text}}}`, headers: json, status: 400, names: /JSON/ },
      { name: `${route}: single-quoted JSON`, method, path, body: text.replace(/"/g, "'"), headers: json, status: 400, names: /JSON/ },
      { name: `${route}: a JSON array for an object`, method, path, body: `[${text}]`, headers: json, status: 400, names: /./ },
      {
        name: `${route}: a JSON string for an object`,
        method,
        path,
        body: JSON.stringify(text),
        headers: json,
        status: 400,
        names: /JSON|body|object/i,
      },
      {
        name: `${route}: form-encoded`,
        method,
        path,
        body: 'name=x&timezone=Europe%2FZurich',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: [400, 415],
        names: /./,
      },
      {
        name: `${route}: XML`,
        method,
        path,
        body: '<station name="x"/>',
        headers: { 'content-type': 'application/xml' },
        status: [400, 415],
        names: /./,
      },
      {
        name: `${route}: declared gzip but not gzip`,
        method,
        path,
        body: text,
        headers: { ...json, 'content-encoding': 'gzip' },
        status: 400,
        names: /gzip|body|decod/i,
      },
      {
        name: `${route}: an unsupported encoding`,
        method,
        path,
        body: text,
        headers: { ...json, 'content-encoding': 'x-rot13' },
        status: 415,
        names: /encoding|rot13/i,
      },
      {
        name: `${route}: a charset that is not one`,
        method,
        path,
        body: text,
        headers: { 'content-type': 'application/json; charset=x-klingon' },
        status: 415,
        names: /charset|klingon/i,
      },
      {
        name: `${route}: nested 50,000 levels deep`,
        method,
        path,
        body: nested(50_000),
        headers: json,
        status: 400,
        names: /nest|deep|depth/i,
      },
      {
        name: `${route}: nested 5,000 deep with an Idempotency-Key`,
        method,
        path,
        body: nested(5_000),
        headers: { ...json, 'idempotency-key': `deep-${route.replace(/\W+/g, '-')}` },
        status: 400,
        names: /nest|deep|depth/i,
      },
      {
        name: `${route}: a __proto__ key`,
        method,
        path,
        body: `${text.slice(0, -1)},"__proto__":{"admin":true}}`,
        headers: json,
        status: 400,
        names: /__proto__/,
      },
      {
        name: `${route}: a constructor key`,
        method,
        path,
        body: `${text.slice(0, -1)},"constructor":{"prototype":{"admin":true}}}`,
        headers: json,
        status: 400,
        names: /constructor/,
      },
    );
  }
  cases.push(
    {
      name: 'PUT departure: a body over the limit',
      method: 'PUT',
      path: DEPARTURE,
      body: JSON.stringify({ ...departureBody(), destination: 'x'.repeat(1_100_000) }),
      headers: json,
      status: 413,
      names: /limit/,
    },
    {
      name: 'PUT departure: gzip that inflates over the limit',
      method: 'PUT',
      path: DEPARTURE,
      body: gzipSync(JSON.stringify({ ...departureBody(), destination: 'x'.repeat(4_000_000) })),
      headers: { ...json, 'content-encoding': 'gzip' },
      status: 413,
      names: /limit/,
    },
    {
      name: 'POST updates: gzip that inflates over the limit',
      method: 'POST',
      path: '/api/updates',
      body: gzipSync(`{"updates":[${'{"op":"clear-alert","stationId":"zurich-hb","alertId":"x"},'.repeat(400_000)}{}]}`),
      headers: { ...json, 'content-encoding': 'gzip' },
      status: 413,
      names: /limit/,
    },
  );
  return cases;
}

const CASES = [...routeCases(), ...bodyCases()];

describe('the bad-input battery (e2e)', () => {
  let t: TestApp;
  let admin: ConsoleSession;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '10000' });
    await createStation(t, 'zurich-hb', 'Zürich HB');
    await t.request(DEPARTURE, { method: 'PUT', auth: true, json: departureBody() });
    await t.request(`${STATION}/alerts`, { method: 'POST', auth: true, json: { severity: 'warning', text: MESSAGE_TEXT } });
    const zip = readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', 'mbta-mini-gtfs.zip'));
    const imported = await t.request('/api/feeds/caltrain/schedule?from=2017-12-23&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(zip),
    });
    expect(imported.status).toBe(200);
    admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(() => t.close());

  /** Everything a bad request must leave as it was. */
  const state = async () => ({
    board: await (await t.request(`${STATION}/board`)).json(),
    stations: await (await t.request('/api/stations')).json(),
    audit: await (await admin.request('/api/audit?limit=1000')).json(),
    users: await (await admin.request('/api/users')).json(),
    tokens: ((await (await admin.request('/api/tokens')).json()) as Array<{ id: string; revokedAt: unknown }>).map((x) => [
      x.id,
      x.revokedAt,
    ]),
    // A refused feed body is still an attempt the feed's health reports (its sources); its settings must not change.
    feeds: ((await (await admin.request('/api/feeds')).json()) as Array<Record<string, unknown>>).map(
      ({ sources: _health, stale: _stale, ...settings }) => settings,
    ),
  });

  it('has at least 200 cases over every write route', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
    const routes = new Set(CASES.map((c) => `${c.method} ${c.path.replace(/\?.*/, '').replace(/departures\/[^/]+/, 'departures/:id')}`));
    expect(routes.size).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: a 4xx naming the problem, and nothing changes', async (_name, c) => {
    const before = await state();
    const headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKEN}`, ...c.headers };
    if (c.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${t.baseUrl}${c.path}`, {
      method: c.method,
      headers,
      body: c.json !== undefined ? JSON.stringify(c.json) : typeof c.body === 'string' ? c.body : c.body && new Uint8Array(c.body),
    });
    const body = (await res.json()) as ApiError & { results?: Array<{ status: string; error?: ApiError }> };
    const expected = Array.isArray(c.status) ? c.status : [c.status];
    expect(expected).toContain(res.status);
    // A batch answers 200 with a report; the bad item's own error is what must be a 4xx.
    const error: ApiError = res.status === 200 ? body.results![0].error! : body;
    if (res.status === 200) expect(body.results!.map((r) => r.status)).toEqual(['rejected']);
    expect(error.statusCode).toBeGreaterThanOrEqual(400);
    expect(error.statusCode).toBeLessThan(500);
    expect(typeof error.error).toBe('string');
    expect(typeof error.message).toBe('string');
    const named = [error.message, ...(error.fields ?? []).map((f) => `${f.field}: ${f.message}`)];
    if (typeof c.names === 'string') expect([...(error.fields ?? []).map((f) => f.field), error.message].join('\n')).toContain(c.names);
    else expect(named.join('\n')).toMatch(c.names);
    expect(await state()).toEqual(before);
  });
});
