'use strict';
const { Samples } = require('../lib/stats');
const { wallNow } = require('../lib/sse-screen');
const { closeAll, sleep } = require('../lib/fleet');
const { openNetwork, offer } = require('./network');

/** Headway's batch limit (MAX_BATCH): past it a rate needs more batches per second, not bigger ones. */
const MAX_BATCH = 5_000;
/** A step's answers later than this, or deliveries later than this after them, cannot meet the bar anyway. */
const ANSWER_WAIT_MS = 2_000;
const DRAIN_MS = 1_500;
/** How long a step that fell behind may take to work off its backlog before the next one. */
const BACKLOG_WAIT_MS = 10_000;
/** The search stops once the knee is known to within this fraction. */
const RESOLUTION = 0.1;

/**
 * Delivery p99 of one step, counting every expected delivery that did not arrive (by the end of the
 * drain) as slower than any that did: a server that drops behind must not look fast.
 */
function p99WithMissing(latencies, expected) {
  const sorted = latencies.sorted();
  const rank = Math.max(1, Math.ceil(0.99 * expected));
  return rank > sorted.length ? Infinity : sorted[rank - 1];
}

/** One step at `rate`: keeps up when delivery p99 < 1 s and stored rate >= 99 % of offered. */
async function step(net, api, rate, options) {
  net.latencies = new Samples(1 << 18);
  net.since = Number(wallNow().toFixed(3));
  const batchesPerSecond = Math.max(options.batchesPerSecond, Math.ceil(rate / MAX_BATCH));
  const run = await offer(net, api, {
    rate,
    batchesPerSecond,
    duration: options.kneeStep,
    answerWaitMs: ANSWER_WAIT_MS,
    drainMs: DRAIN_MS,
  });
  const p99Ms = p99WithMissing(net.latencies, run.expected);
  const keptUp = p99Ms < 1000 && run.storedRate >= 0.99 * run.targetRate && run.failed === 0;
  // The next step starts on an idle server, whatever this one left queued.
  await Promise.race([run.settled, sleep(BACKLOG_WAIT_MS)]);
  await sleep(300);
  return {
    rate: run.targetRate,
    keptUp,
    p99Ms: Number.isFinite(p99Ms) ? p99Ms : null,
    storedRate: run.storedRate,
    delivered: run.delivered,
    expected: run.expected,
    failed: run.failed,
    firstError: run.firstError,
  };
}

/**
 * Knee search on the network setup (`networkScreens` screens over `stations` stations, batches
 * through POST /api/updates): the highest offered rate the server keeps up with. Steps of
 * `kneeStep` seconds double from `kneeStart` until one falls behind, then bisect between the best
 * kept-up rate and the lowest failed one; stops when that gap is within 10 % or the next step
 * would pass `kneeBudget` seconds. If no step failed, the knee is only a lower bound.
 */
async function knee({ port, api, options }) {
  const net = await openNetwork({ port, api, options, stationCount: options.stations });
  await sleep(options.settleMs);
  const started = Date.now();
  const budgetMs = options.kneeBudget * 1000;
  const steps = [];
  let good = 0;
  let bad = Infinity;
  let rate = options.kneeStart;
  for (;;) {
    const result = await step(net, api, rate, options);
    steps.push(result);
    if (result.keptUp) good = Math.max(good, result.rate);
    else bad = Math.min(bad, result.rate);
    if (Number.isFinite(bad) && bad - good <= RESOLUTION * bad) break;
    if (Date.now() - started + options.kneeStep * 1000 > budgetMs) break;
    rate = bad === Infinity ? rate * 2 : Math.round((good + bad) / 2);
  }
  closeAll(net.screens);
  return {
    screens: net.screens.length,
    stations: net.stationCount,
    kneeRate: good,
    lowerBound: bad === Infinity,
    failedAt: Number.isFinite(bad) ? bad : null,
    searchSeconds: (Date.now() - started) / 1000,
    steps,
  };
}

module.exports = { knee };
