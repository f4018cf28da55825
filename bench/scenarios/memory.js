'use strict';
const { rssBytes } = require('../lib/proc');
const { createStations, connectScreens, closeAll, departureId, stationId, sleep, waitFor } = require('../lib/fleet');

/**
 * Idle screens: the server's resident memory (VmRSS) before any screen and after `memoryScreens`,
 * then after as many more as it will take up to `maxScreens`, divided by the screens held. At the
 * end one change per station proves every held screen is still live.
 */
async function memory({ port, pid, api, options }) {
  const stations = options.memoryStations;
  await createStations(api, stations, options.departures);
  return idleScreens({ port, pid, api, options, stations });
}

/**
 * The measurement itself, over stations 0 .. stations-1 already made (the busy scenario's boards are
 * bigger); `probe()`, if given, is read while the most screens are held, into `max.probe`.
 */
async function idleScreens({ port, pid, api, options, stations, probe }) {
  await sleep(options.settleMs);
  const baseline = rssBytes(pid);
  let delivered = 0;
  const sink = { change: () => void delivered++ };
  const first = Math.min(options.memoryScreens, options.maxScreens);
  const stationOf = (from, to) => Array.from({ length: to - from }, (_, k) => (from + k) % stations);
  const a = await connectScreens({ port, stationOf: stationOf(0, first), sink, options });
  await sleep(options.settleMs);
  const atFirst = rssBytes(pid);
  const heldFirst = a.screens.filter((s) => !s.closed).length;
  const b = await connectScreens({ port, stationOf: stationOf(first, options.maxScreens), sink, options, firstIndex: first });
  await sleep(options.settleMs);
  const atMax = rssBytes(pid);
  const probed = probe ? await probe() : undefined;
  const screens = [...a.screens, ...b.screens];
  const held = screens.filter((s) => !s.closed);

  // Liveness: one change per station must reach every held screen.
  const before = delivered;
  for (let i = 0; i < stations; i++) {
    await api.expect(200, 'PATCH', `/api/stations/${stationId(i)}/departures/${departureId(0)}`, { delayMinutes: 5 });
  }
  await waitFor(() => delivered - before >= held.length, 30_000);
  const live = held.filter((s) => s.received >= 1).length;
  const result = {
    baselineMiB: baseline / 2 ** 20,
    first: { screens: heldFirst, rssMiB: atFirst / 2 ** 20, perScreenKB: (atFirst - baseline) / heldFirst / 1024 },
    max: {
      attempted: options.maxScreens,
      held: held.length,
      live,
      rssMiB: atMax / 2 ** 20,
      perScreenKB: (atMax - baseline) / held.length / 1024,
      connectErrors: { ...a.errors, ...b.errors },
      probe: probed,
    },
    connectSeconds: a.seconds + b.seconds,
  };
  closeAll(screens);
  return result;
}

module.exports = { memory, idleScreens };
