'use strict';
const { cpuSeconds, profileMark } = require('../lib/proc');
const { summarize } = require('../lib/stats');
const { createStations, departureId, stationId } = require('../lib/fleet');

/**
 * Durable updates per second through POST /api/updates with no screens: `ingestConcurrency`
 * batches of `ingestBatch` patch-departure updates in flight, each sent as soon as the previous
 * one of its lane is answered (an answer means stored: Headway commits before it answers).
 */
async function ingest({ pid, api, options }) {
  const stations = options.stations;
  const departures = Math.max(1, options.departures);
  await createStations(api, stations, departures);
  let random = 777;
  const nextRandom = () => (random = (random * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  let applied = 0;
  let rejected = 0;
  let batches = 0;
  let refused = 0;
  const requestMs = [];
  await profileMark(pid, options);
  const cpuBefore = cpuSeconds(pid);
  const started = Date.now();
  const deadline = started + options.ingestDuration * 1000;
  const lane = async () => {
    while (Date.now() < deadline) {
      const updates = [];
      for (let k = 0; k < options.ingestBatch; k++) {
        const patch = { delayMinutes: 1 + Math.floor(nextRandom() * 20), platform: String(1 + Math.floor(nextRandom() * 12)) };
        updates.push({
          op: 'patch-departure',
          stationId: stationId(Math.floor(nextRandom() * stations)),
          departureId: departureId(Math.floor(nextRandom() * departures)),
          patch,
        });
      }
      const t0 = Date.now();
      // Retried on 503 after its Retry-After, as a feed would: the time waiting counts against the rate.
      const report = await api.expectRetrying(200, 'POST', '/api/updates', { updates }, { onRefused: () => refused++ });
      requestMs.push(Date.now() - t0);
      applied += report.applied;
      rejected += report.rejected;
      batches++;
    }
  };
  await Promise.all(Array.from({ length: options.ingestConcurrency }, lane));
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  await profileMark(pid, options);
  return {
    seconds,
    batches,
    refused,
    applied,
    rejected,
    updatesPerSecond: applied / seconds,
    batchMs: summarize(requestMs, [50, 99]),
    cpuPerUpdateUs: (cpu / Math.max(1, applied)) * 1e6,
    serverCpuShare: cpu / seconds,
  };
}

module.exports = { ingest };
