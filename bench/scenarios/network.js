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
  const stationCount = options.stations;
  const departures = Math.max(1, options.departures);
  await createStations(api, stationCount, departures);
  const latencies = new Samples(1 << 21);
  let delivered = 0;
  const sink = {
    change(screen, seq, sentAt, at) {
      delivered++;
      latencies.add(at - sentAt);
    },
  };
  const stationOf = Array.from({ length: options.networkScreens }, (_, i) => i % stationCount);
  const connect = await connectScreens({ port, stationOf, sink, options });
  const screens = connect.screens;
  const screensAt = new Array(stationCount).fill(0);
  for (const s of screens) screensAt[s.station]++;
  await sleep(options.settleMs);

  const perBatch = Math.max(1, Math.round(options.rate / options.batchesPerSecond));
  const intervalMs = 1000 / options.batchesPerSecond;
  const batches = Math.round(options.duration * options.batchesPerSecond);
  const applied = new Array(stationCount).fill(0);
  const answers = [];
  const requestMs = [];
  let rejected = 0;
  let failed = 0;
  let firstError = null;
  let appliedTotal = 0;
  let random = 12345;
  const nextRandom = () => ((random = (random * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);

  await profileMark(pid, options);
  const cpuBefore = cpuSeconds(pid);
  const clientBefore = process.cpuUsage();
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
      updates.push({ op: 'patch-departure', stationId: stationId(s), departureId: departureId(Math.floor(nextRandom() * departures)), patch });
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
  // A server that falls behind answers late; past ANSWER_WAIT_MS the rest count as unanswered.
  const answered = await Promise.race([Promise.all(answers).then(() => true), sleep(ANSWER_WAIT_MS).then(() => false)]);
  const storeSeconds = (wallNow() - start) / 1000;
  const expected = applied.reduce((n, a, s) => n + a * screensAt[s], 0);
  const drained = await waitFor(() => delivered >= expected, 15_000);
  const wallSeconds = (wallNow() - start) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  await profileMark(pid, options);

  let lost = 0;
  let gaps = 0;
  for (const s of screens) {
    lost += Math.max(0, applied[s.station] - s.received);
    gaps += s.gaps + s.duplicates;
  }
  const result = {
    screens: screens.length,
    stations: stationCount,
    connect: { seconds: connect.seconds, failed: connect.failed, errors: connect.errors },
    targetRate: perBatch * options.batchesPerSecond,
    sentRate: (batches * perBatch) / sendSeconds,
    /** Updates stored per second: applied, over the time from the first batch to the last answer. */
    storedRate: appliedTotal / storeSeconds,
    sendSeconds,
    storeSeconds,
    answered,
    applied: appliedTotal,
    rejected,
    failed,
    firstError,
    expectedDeliveries: expected,
    delivered,
    drained,
    lost,
    gaps,
    dropped: screens.filter((s) => s.closed).length,
    latencyMs: summarize(latencies, [50, 99, 99.9]),
    requestMs: summarize(requestMs, [50, 99]),
    serverCpuSeconds: cpu,
    cpuPerDeliveryUs: (cpu / Math.max(1, delivered)) * 1e6,
    serverCpuShare: cpu / wallSeconds,
    clientCpuShare: (client.user + client.system) / 1e6 / wallSeconds,
    serverRssMiB: rssBytes(pid) / 2 ** 20,
  };
  closeAll(screens);
  return result;
}

module.exports = { network };
