'use strict';
const { cpuSeconds, profileMark, rssBytes } = require('../lib/proc');
const { Samples, summarize } = require('../lib/stats');
const { wallNow, sendMarker } = require('../lib/sse-screen');
const { connectScreens, closeAll, createStations, departureId, stationId, sleep } = require('../lib/fleet');

/**
 * N screens on one board; M operator changes (PATCH with the bearer token), one at a time. Each
 * change's latency is from just before its request is written to the moment the LAST screen has
 * it (max over screens); p50/p99 are over changes. The next change goes out once every screen has
 * the previous one (or after a timeout: the screens without it count as lost).
 */
async function broadcast({ port, pid, api, options }) {
  const departures = Math.max(1, options.departures);
  await createStations(api, 1, departures);
  const pending = new Map();
  const perDelivery = new Samples(1 << 20);
  let strays = 0;
  const sink = {
    change(screen, seq, sentAt, at) {
      const change = pending.get(sentAt);
      if (!change) return void strays++;
      const latency = at - sentAt;
      perDelivery.add(latency);
      if (latency > change.last) change.last = latency;
      if (++change.count === change.expected) change.done();
    },
  };
  await profileMark(pid, options, 'connect');
  const connect = await connectScreens({ port, stationOf: new Array(options.screens).fill(0), sink, options });
  await profileMark(pid, options, 'connect');
  const screens = connect.screens;
  await sleep(options.settleMs);
  const live = screens.filter((s) => !s.closed).length;

  await profileMark(pid, options);
  const cpuBefore = cpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const wallBefore = Date.now();
  const lastScreen = [];
  const requestMs = [];
  let lost = 0;
  let delivered = 0;
  for (let i = 0; i < options.changes; i++) {
    const sentAt = Number(wallNow().toFixed(3));
    const change = { expected: live, count: 0, last: 0, done: null };
    const reached = new Promise((resolve) => (change.done = resolve));
    pending.set(sentAt, change);
    const path = `/api/stations/${stationId(0)}/departures/${departureId(i % departures)}`;
    const answered = api
      .expect(200, 'PATCH', path, { delayMinutes: (i % 30) + 1, remarks: [sendMarker(sentAt)] })
      .then(() => requestMs.push(wallNow() - sentAt));
    const timer = new Promise((resolve) => setTimeout(resolve, options.changeTimeoutMs));
    await Promise.race([reached, timer]);
    await answered;
    pending.delete(sentAt);
    delivered += change.count;
    lost += change.expected - change.count;
    lastScreen.push(change.count === change.expected ? change.last : options.changeTimeoutMs);
    if (options.gapMs > 0) await sleep(options.gapMs);
  }
  const wallSeconds = (Date.now() - wallBefore) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  await profileMark(pid, options);
  const result = {
    screens: live,
    connect: { seconds: connect.seconds, failed: connect.failed, errors: connect.errors },
    changes: options.changes,
    lastScreenMs: summarize(lastScreen, [50, 90, 99]),
    perDeliveryMs: summarize(perDelivery, [50, 99, 99.9]),
    requestMs: summarize(requestMs, [50, 99]),
    delivered,
    lost,
    strays,
    dropped: screens.filter((s) => s.closed).length,
    gaps: screens.reduce((n, s) => n + s.gaps + s.duplicates, 0),
    serverCpuSeconds: cpu,
    cpuPerDeliveryUs: (cpu / Math.max(1, delivered)) * 1e6,
    serverCpuShare: cpu / wallSeconds,
    clientCpuShare: (client.user + client.system) / 1e6 / wallSeconds,
    bytesPerScreen: screens.reduce((n, s) => n + s.bytes, 0) / Math.max(1, screens.length),
    serverRssMiB: rssBytes(pid) / 2 ** 20,
  };
  closeAll(screens);
  return result;
}

module.exports = { broadcast };
