'use strict';
const { ApiClient } = require('../lib/api-client');
const { profileMark } = require('../lib/proc');
const { Screen, resumeScreen } = require('../lib/sse-screen');
const { closeAll, connectScreens, createStations, departureId, sleep, stationId, waitFor } = require('../lib/fleet');

/** Batches of one change per station: before the kill (so every screen has a position), and right after the restart. */
const CHANGES_BEFORE = 3;
const CHANGES_AFTER = 3;
const DRAIN_MS = 30_000;
/** A failed reconnect (a reset while the server is swamped) is tried again this many times, this long after. */
const RETRIES = 5;
const RETRY_MS = 250;

/** Sends `rounds` batches, each one patch per station, one after the other; keeps each station's newest seq in `heads`. */
async function changeEveryStation(api, stations, rounds, heads, options, onRefused) {
  for (let round = 0; round < rounds; round++) {
    const updates = Array.from({ length: stations }, (_, s) => ({
      op: 'patch-departure',
      stationId: stationId(s),
      departureId: departureId(round % Math.max(1, options.departures)),
      patch: { delayMinutes: round + 1 },
    }));
    // Retried on 503: a server may shed writes while the storm is on; a feed would retry them.
    const report = await api.expectRetrying(200, 'POST', '/api/updates', { updates }, { onRefused });
    for (const r of report.results) {
      if (r.status !== 'applied') throw new Error(`storm change rejected: ${JSON.stringify(r)}`);
      heads[r.index] = r.seq; // update i is station i's
    }
  }
}

/**
 * The floor keeps its boards in memory only (its log is never read back), so it cannot come back
 * from kill -9 with them: what it gives is the yardstick, the time to connect `stormScreens`
 * fresh screens (snapshot included) at the storm's concurrency.
 */
async function floorConnect({ pid, port, options, stationOf }) {
  await profileMark(pid, options);
  const connect = await connectScreens({
    port,
    stationOf,
    sink: { change() {} },
    options: { ...options, connectConcurrency: options.stormConcurrency },
  });
  await profileMark(pid, options);
  closeAll(connect.screens);
  return { screens: connect.screens.length, liveSeconds: connect.seconds, failed: connect.failed, errors: connect.errors };
}

/**
 * Reconnect storm: `stormScreens` screens over `stormStations` stations, each with a position
 * (a snapshot and a few changes), then the server is killed (kill -9, by bench/run.js) and
 * restarted on the same data and port; every screen comes back at once with `Last-Event-ID`,
 * while a few more changes are made. Measured: from the restarted server answering /api/health
 * until every screen has its first message again; every change after each screen's id must
 * arrive, in order, and no screen whose id is still valid may get a snapshot.
 */
async function storm({ pid, port, api, options, restart, target }) {
  const stations = options.stormStations;
  await createStations(api, stations, options.departures);
  const stationOf = Array.from({ length: options.stormScreens }, (_, i) => i % stations);
  if (target !== 'headway') return floorConnect({ pid, port, options, stationOf });

  const sink = { change() {} };
  const connect = await connectScreens({ port, stationOf, sink, options });
  const heads = new Array(stations).fill(0);
  await changeEveryStation(api, stations, CHANGES_BEFORE, heads, options);
  const caughtUp = await waitFor(() => connect.screens.every((s) => s.closed || s.lastSeq >= heads[s.station]), DRAIN_MS);
  const { epoch } = await api.expect(200, 'GET', `/api/stations/${stationId(0)}/board`);
  const before = connect.screens.filter((s) => !s.closed);

  const killedAt = Date.now();
  const restarted = await restart();
  closeAll(connect.screens);
  // `--profile` records the restarted server's reconnect storm (its start-up is left out).
  const profiling = profileMark(restarted.pid, options);
  // The old pool's kept-alive sockets died with the server.
  const writer = new ApiClient({ port, token: api.token });
  let refused = 0;
  const writes = changeEveryStation(writer, stations, CHANGES_AFTER, heads, options, () => refused++);
  const screens = before.map((old) => {
    const screen = new Screen(old.index, old.station);
    screen.snapshotSeq = screen.lastSeq = old.lastSeq;
    return screen;
  });
  const errors = new Map();
  let lastLiveAt = 0;
  let next = 0;
  const worker = async () => {
    while (next < screens.length) {
      const screen = screens[next++];
      const localAddress = `127.0.0.${2 + (screen.index % options.sourceAddresses)}`;
      const query = options.identify ? `?screen=bench-screen-${screen.index}&v=bench` : '';
      const path = `/api/stations/${stationId(screen.station)}/board/events${query}`;
      // As EventSource does, a screen whose attempt fails tries again (sooner than its `retry`: the bench
      // measures the server, not the hint); one still out after RETRIES counts as failed.
      for (let attempt = 0; attempt <= RETRIES; attempt++) {
        try {
          screen.closed = false;
          screen.buffer = ''; // what a failed attempt left of a frame
          const liveAt = await resumeScreen(screen, {
            port,
            path,
            localAddress,
            lastEventId: `${epoch}.${screen.lastSeq}`,
            sink,
            timeoutMs: 60_000,
          });
          lastLiveAt = Math.max(lastLiveAt, liveAt);
          break;
        } catch (error) {
          const key = error.code || error.message;
          errors.set(key, (errors.get(key) || 0) + 1);
          if (attempt < RETRIES) await sleep(RETRY_MS);
        }
      }
    }
  };
  await profiling;
  await Promise.all(Array.from({ length: options.stormConcurrency }, worker));
  await writes;
  await profileMark(restarted.pid, options);
  const held = screens.filter((s) => !s.closed);
  const drained = await waitFor(() => held.every((s) => s.lastSeq >= heads[s.station]), DRAIN_MS);
  writer.close();
  closeAll(screens);
  return {
    screens: before.length,
    caughtUpBeforeKill: caughtUp,
    initialConnectSeconds: connect.seconds,
    restartSeconds: (restarted.at - killedAt) / 1000,
    liveSeconds: (lastLiveAt - restarted.at) / 1000,
    reconnected: held.length,
    failed: screens.length - held.length,
    /** Failed attempts by cause, retried ones included. */
    errors: Object.fromEntries(errors),
    drained,
    // A change after the screen's id that it never got, or got out of order.
    missed: held.reduce((n, s) => n + Math.max(0, heads[s.station] - s.lastSeq) + s.gaps, 0),
    duplicates: held.reduce((n, s) => n + s.duplicates, 0),
    unexpectedSnapshots: screens.reduce((n, s) => n + s.snapshots, 0),
    changesAfterRestart: CHANGES_AFTER * stations,
    writesRefusedDuringStorm: refused,
  };
}

module.exports = { storm };
