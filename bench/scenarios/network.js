'use strict';
const { cpuSeconds, profileMark, rssBytes } = require('../lib/proc');
const { Samples, summarize } = require('../lib/stats');
const { wallNow, sendMarker } = require('../lib/sse-screen');
const { connectScreens, closeAll, createStations, departureId, stationId, sleep, waitFor } = require('../lib/fleet');

/** How long to wait for the last batch's answer once sending stopped. */
const ANSWER_WAIT_MS = 60_000;

/**
 * Screens spread evenly over many stations; batches of updates for random stations through
 * POST /api/updates at a fixed rate, open loop (a batch goes out on time even while earlier ones
 * are unanswered, so a slow server shows as latency, not as a lower rate). Every update carries the
 * time its batch was sent; each screen measures each delivery. Lost: for each screen, the changes
 * its station was given (seqs from the batch answers) that it never received.
 */
async function network({ port, pid, api, options }) {
  const net = await openNetwork({ port, api, options, stationCount: options.stations });
  const { screens } = net;
  await sleep(options.settleMs);

  await profileMark(pid, options);
  const cpuBefore = cpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const run = await offer(net, api, {
    rate: options.rate,
    batchesPerSecond: options.batchesPerSecond,
    duration: options.duration,
    answerWaitMs: ANSWER_WAIT_MS,
    drainMs: 15_000,
  });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  await profileMark(pid, options);

  let lost = 0;
  let gaps = 0;
  for (const s of screens) {
    lost += Math.max(0, run.applied[s.station] - s.received);
    gaps += s.gaps + s.duplicates;
  }
  const result = {
    screens: screens.length,
    stations: net.stationCount,
    connect: { seconds: net.connect.seconds, failed: net.connect.failed, errors: net.connect.errors },
    targetRate: run.targetRate,
    sentRate: run.sentRate,
    /** Updates stored per second: applied, over the time from the first batch to the last answer. */
    storedRate: run.storedRate,
    sendSeconds: run.sendSeconds,
    storeSeconds: run.storeSeconds,
    answered: run.answered,
    applied: run.appliedTotal,
    rejected: run.rejected,
    failed: run.failed,
    firstError: run.firstError,
    expectedDeliveries: run.expected,
    delivered: run.delivered,
    drained: run.drained,
    lost,
    gaps,
    dropped: screens.filter((s) => s.closed).length,
    latencyMs: summarize(net.latencies, [50, 99, 99.9]),
    requestMs: summarize(run.requestMs, [50, 99]),
    serverCpuSeconds: cpu,
    cpuPerDeliveryUs: (cpu / Math.max(1, run.delivered)) * 1e6,
    serverCpuShare: cpu / run.wallSeconds,
    clientCpuShare: (client.user + client.system) / 1e6 / run.wallSeconds,
    serverRssMiB: rssBytes(pid) / 2 ** 20,
  };
  closeAll(screens);
  return result;
}

/**
 * The network's setup: stations, and `networkScreens` screens spread evenly over them, each
 * delivery's latency kept in `latencies` (replace it to measure a new phase, as the knee search does).
 */
async function openNetwork({ port, api, options, stationCount }) {
  const departures = Math.max(1, options.departures);
  await createStations(api, stationCount, departures);
  const net = {
    stationCount,
    departures,
    latencies: new Samples(1 << 21),
    delivered: 0,
    since: 0,
    screens: [],
    screensAt: new Array(stationCount).fill(0),
    connect: null,
  };
  let random = 12345;
  net.nextRandom = () => (random = (random * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const sink = {
    change(screen, seq, sentAt, at) {
      // A phase may ignore late deliveries of the one before it (the knee search's steps).
      if (sentAt < net.since) return;
      net.delivered++;
      net.latencies.add(at - sentAt);
    },
  };
  const stationOf = Array.from({ length: options.networkScreens }, (_, i) => i % stationCount);
  net.connect = await connectScreens({ port, stationOf, sink, options });
  net.screens = net.connect.screens;
  for (const s of net.screens) net.screensAt[s.station]++;
  return net;
}

/**
 * Offers `rate` updates per second for `duration` seconds, in `batchesPerSecond` batches for random
 * stations, open loop; waits up to `answerWaitMs` for the answers and then up to `drainMs` for the
 * screens to have every applied change. `applied` counts them per station.
 */
async function offer(net, api, { rate, batchesPerSecond, duration, answerWaitMs, drainMs }) {
  const { stationCount, departures, nextRandom } = net;
  const perBatch = Math.max(1, Math.round(rate / batchesPerSecond));
  const intervalMs = 1000 / batchesPerSecond;
  const batches = Math.round(duration * batchesPerSecond);
  const applied = new Array(stationCount).fill(0);
  const answers = [];
  const requestMs = [];
  let rejected = 0;
  let failed = 0;
  let firstError = null;
  let appliedTotal = 0;
  const deliveredBefore = net.delivered;

  const start = wallNow();
  for (let b = 0; b < batches; b++) {
    const due = start + b * intervalMs;
    const wait = due - wallNow();
    if (wait > 1) await sleep(wait);
    const sentAt = Number(wallNow().toFixed(3));
    const marker = [sendMarker(sentAt)];
    const stationsOfBatch = [];
    const updates = [];
    for (let k = 0; k < perBatch; k++) {
      const s = Math.floor(nextRandom() * stationCount);
      stationsOfBatch.push(s);
      const patch = { delayMinutes: 1 + Math.floor(nextRandom() * 20), remarks: marker };
      updates.push({
        op: 'patch-departure',
        stationId: stationId(s),
        departureId: departureId(Math.floor(nextRandom() * departures)),
        patch,
      });
    }
    answers.push(
      api.request('POST', '/api/updates', { updates }).then(
        (response) => {
          requestMs.push(wallNow() - sentAt);
          if (response.status !== 200) {
            firstError ??= `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`;
            return void (failed += perBatch);
          }
          for (const r of response.body.results) {
            if (r.status === 'applied') {
              applied[stationsOfBatch[r.index]]++;
              appliedTotal++;
            } else rejected++;
          }
        },
        (error) => {
          firstError ??= String(error.message || error);
          failed += perBatch;
        },
      ),
    );
  }
  const sendSeconds = (wallNow() - start) / 1000;
  // A server that falls behind answers late; past answerWaitMs the rest count as unanswered.
  const all = Promise.all(answers);
  const answered = await Promise.race([all.then(() => true), sleep(answerWaitMs).then(() => false)]);
  const storeSeconds = (wallNow() - start) / 1000;
  const expected = applied.reduce((n, a, s) => n + a * net.screensAt[s], 0);
  const drained = await waitFor(() => net.delivered - deliveredBefore >= expected, drainMs);
  const wallSeconds = (wallNow() - start) / 1000;
  return {
    targetRate: perBatch * batchesPerSecond,
    sentRate: (batches * perBatch) / sendSeconds,
    storedRate: appliedTotal / storeSeconds,
    sendSeconds,
    storeSeconds,
    wallSeconds,
    answered,
    /** Settles once every batch is answered (the knee search waits on it before its next step). */
    settled: all,
    applied,
    appliedTotal,
    rejected,
    failed,
    firstError,
    expected,
    delivered: net.delivered - deliveredBefore,
    drained,
    requestMs,
  };
}

module.exports = { network, openNetwork, offer };
