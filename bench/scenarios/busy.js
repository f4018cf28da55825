'use strict';
const { createStations, stationId } = require('../lib/fleet');
const { idleScreens } = require('./memory');

const STOPS = [
  'Zürich Oerlikon',
  'Wallisellen',
  'Dietlikon',
  'Effretikon',
  'Kemptthal',
  'Winterthur Grüze',
  'Winterthur Seen',
  'Sennhof-Kyburg',
  'Kollbrunn',
  'Rikon',
  'Turbenthal',
  'Bauma',
];

/**
 * A departure of a big, real board: a long destination, eight via stops and two remarks, as a
 * main station shows them (about 700 bytes of JSON on the wire, where fleet.js's are about 400).
 */
function bigDepartureBody(j, base) {
  const via = Array.from({ length: 8 }, (_, k) => `${STOPS[(j + k) % STOPS.length]} (Bahnhofplatz)`);
  return {
    line: `IR${(j % 90) + 10}`,
    lineColor: '#c20a2f',
    destination: `${j % 2 ? 'Zürich Flughafen, Bahnhof Nord' : 'St. Gallen über Winterthur'} – Gleis ${(j % 12) + 1}`,
    origin: 'Bern, Hauptbahnhof (Ankunft Gleis 7)',
    via,
    scheduledTime: new Date(base + (j + 1) * 60_000).toISOString(),
    scheduledPlatform: String((j % 12) + 1),
    remarks: [
      `Zugteil ${j % 3 ? 'A' : 'B'} fährt nur bis Winterthur; Reisende nach St. Gallen bitte im vorderen Zugteil einsteigen.`,
      'Verpflegungswagen in der Zugmitte; Veloselbstverlad nur mit Reservation (Platzzahl beschränkt).',
    ],
  };
}

/** The server's V8 heap in use as its /metrics shows it (Headway only; `null` where there is none). */
async function heapUsedMiB(api) {
  const response = await api.request('GET', '/metrics');
  const match =
    response.status === 200 && typeof response.body === 'string'
      ? /^headway_nodejs_heap_size_used_bytes (\S+)$/m.exec(response.body)
      : null;
  return match ? Number(match[1]) / 2 ** 20 : null;
}

/**
 * The memory scenario with busy boards: `busyStations` stations of `busyDepartures` big departures
 * each (made by POST /api/updates batches, not one PUT each), then the same idle screens and
 * measuring points (`memoryScreens`, `maxScreens`). One board's JSON size is measured through
 * GET /api/stations/:id/board, so the report shows how big the boards really were.
 */
async function busy({ port, pid, api, options }) {
  const stations = options.busyStations;
  const started = Date.now();
  await createStations(api, stations, options.busyDepartures, bigDepartureBody);
  const setupSeconds = (Date.now() - started) / 1000;
  const board = await api.expect(200, 'GET', `/api/stations/${stationId(0)}/board`);
  const boardBytes = Buffer.byteLength(JSON.stringify(board));
  // The heap with the most screens held; not after a forced GC (Headway has no cheap way to force one).
  const result = await idleScreens({ port, pid, api, options, stations, probe: () => heapUsedMiB(api) });
  return { ...result, setupSeconds, boardBytes, boardDepartures: board.departures.length, heapUsedMiB: result.max.probe };
}

module.exports = { busy };
