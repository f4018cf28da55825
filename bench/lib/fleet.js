'use strict';
const { Screen, openScreen } = require('./sse-screen');

/**
 * What every scenario starts from: stations with departures made through the API, and screens
 * opened on them, each bound to one of several loopback source addresses.
 */

const stationId = (i) => `bench-${i}`;
const departureId = (j) => `dep-${j}`;

/** A departure as a feed would PUT it: in the future (so nothing rolls off), with a realistic size. */
function departureBody(j, base) {
  return {
    line: `S${(j % 24) + 1}`,
    lineColor: '#0a7cc2',
    destination: j % 2 ? 'Zürich Flughafen' : 'Winterthur',
    via: ['Zürich Oerlikon', 'Wallisellen', 'Effretikon'],
    scheduledTime: new Date(base + (j + 1) * 3 * 60_000).toISOString(),
    scheduledPlatform: String((j % 12) + 1),
  };
}

/**
 * Creates `count` stations with `departures` each; every write goes through the public API.
 * `bodyOf(j, base)` makes departure j (the busy scenario's are bigger).
 */
async function createStations(api, count, departures, bodyOf = departureBody) {
  const base = Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 3600_000;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await api.request('PUT', `/api/stations/${stationId(i)}`, { name: `Bench ${i}`, timezone: 'Europe/Zurich' }).then((r) => {
        if (r.status !== 201 && r.status !== 200) throw new Error(`PUT station answered ${r.status}: ${JSON.stringify(r.body)}`);
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const updates = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < departures; j++) {
      updates.push({ op: 'put-departure', stationId: stationId(i), departureId: departureId(j), departure: bodyOf(j, base) });
    }
  }
  for (let k = 0; k < updates.length; k += 5_000) {
    // Retried on 503: a server that sheds load while it digests the last batch must still get the boards.
    const report = await api.expectRetrying(200, 'POST', '/api/updates', { updates: updates.slice(k, k + 5_000) });
    if (report.rejected > 0)
      throw new Error(`setup batch rejected ${report.rejected}: ${JSON.stringify(report.results.find((r) => r.status === 'rejected'))}`);
  }
}

/**
 * Opens one screen per entry of `stationOf` (a station index per screen), `concurrency` at a time,
 * and resolves when each has its snapshot or failed. Screens are numbered from `firstIndex`.
 */
async function connectScreens({ port, stationOf, sink, options, firstIndex = 0 }) {
  const screens = [];
  const errors = new Map();
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < stationOf.length) {
      const k = next++;
      const index = firstIndex + k;
      const screen = new Screen(index, stationOf[k]);
      const localAddress = `127.0.0.${2 + (index % options.sourceAddresses)}`;
      // Like a real station screen, it names itself and its release (the fleet view lists it).
      const query = options.identify ? `?screen=bench-screen-${index}&v=bench` : '';
      try {
        await openScreen(screen, {
          port,
          path: `/api/stations/${stationId(stationOf[k])}/board/events${query}`,
          localAddress,
          sink,
          timeoutMs: 60_000,
        });
        screens.push(screen);
      } catch (error) {
        const key = error.code || error.message;
        errors.set(key, (errors.get(key) || 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connectConcurrency }, worker));
  return { screens, failed: stationOf.length - screens.length, errors: Object.fromEntries(errors), seconds: (Date.now() - started) / 1000 };
}

function closeAll(screens) {
  for (const screen of screens) screen.close();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `done()` holds, checking every 20 ms, or after `timeoutMs` (resolving `false`). */
async function waitFor(done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

module.exports = { stationId, departureId, createStations, connectScreens, closeAll, sleep, waitFor };
