'use strict';
const { cpus, totalmem, release } = require('node:os');
const { writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { barChart } = require('./svg-chart');

/** The commit measured, and whether the server's sources differed from it. */
function revision() {
  try {
    const git = (...args) =>
      execFileSync('git', args, { cwd: join(__dirname, '../..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'server', 'shared', 'package.json', 'package-lock.json') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

/** What the numbers were measured on, for the top of the report. */
function machine(options) {
  return {
    revision: revision(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpu: `${cpus().length} × ${cpus()[0] ? cpus()[0].model.trim() : 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    pinned: options.pin,
  };
}

const get = (object, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object);

/**
 * The table's rows: each metric read from both servers' results. A target is a ratio to the floor
 * (`maxRatio`) or a bound on Headway's own value (`max`, `min`, `equals`).
 */
function rows(results, options) {
  const n = (x) => x.toLocaleString('en-US');
  const spec = [
    ['broadcast', 'last-screen latency p50', 'ms', 'lastScreenMs.p50', {}],
    ['broadcast', 'last-screen latency p99', 'ms', 'lastScreenMs.p99', { maxRatio: 1.5 }],
    ['broadcast', 'server CPU per delivery', 'µs', 'cpuPerDeliveryUs', { maxRatio: 1.5 }],
    ['broadcast', 'events lost', '', 'lost', { equals: 0 }],
    ['broadcast', `time to connect ${n(options.screens)} screens, snapshot included`, 's', 'connect.seconds', { maxRatio: 2 }],
    ['network', 'delivery latency p50', 'ms', 'latencyMs.p50', {}],
    ['network', 'delivery latency p99', 'ms', 'latencyMs.p99', { maxRatio: 1.5 }],
    ['network', 'delivery latency p99.9', 'ms', 'latencyMs.p999', {}],
    ['network', 'server CPU per delivery', 'µs', 'cpuPerDeliveryUs', { maxRatio: 1.5 }],
    ['network', `updates/s stored (sent ${n(options.rate)}/s)`, '/s', 'storedRate', { min: 0.99 * options.rate }],
    ['network', 'events lost', '', 'lost', { equals: 0 }],
    ['memory', `RSS per idle screen at ${n(options.memoryScreens)}`, 'KB', 'first.perScreenKB', { max: 15 }],
    ['memory', `screens held and live (of ${n(options.maxScreens)})`, '', 'max.live', { min: 19_000 }],
    ['memory', `RSS per idle screen at ${n(options.maxScreens)}`, 'KB', 'max.perScreenKB', { max: 15 }],
    ['ingest', 'durable updates/s (batch API)', '/s', 'updatesPerSecond', { min: 30_000 }],
    ['ingest', 'server CPU per update', 'µs', 'cpuPerUpdateUs', { maxRatio: 3 }],
    ['ingest', "SQLite alone, CPU per change (no server: the store's share)", 'µs', 'sqliteAlone.cpuUs', {}],
    ['busy', `RSS per idle screen at ${n(options.memoryScreens)}, big boards`, 'KB', 'first.perScreenKB', { max: 15 }],
    ['busy', `RSS per idle screen at ${n(options.maxScreens)}, big boards`, 'KB', 'max.perScreenKB', { max: 15 }],
    ['busy', `screens held and live (of ${n(options.maxScreens)})`, '', 'max.live', {}],
    ['storm', `all ${n(options.stormScreens)} live again after kill -9 (floor: fresh connect)`, 's', 'liveSeconds', { maxRatio: 2 }],
    ['storm', 'screens not live again (5 retries each)', '', 'failed', { equals: 0 }],
    ['storm', 'changes missed after reconnecting', '', 'missed', { equals: 0 }],
    ['storm', 'snapshots sent to a still-valid Last-Event-ID', '', 'unexpectedSnapshots', { equals: 0 }],
    ['knee', 'highest rate kept up (p99 < 1 s, ≥ 99% stored)', '/s', 'kneeRate', { min: options.rate, atLeast: 'lowerBound' }],
  ];
  return spec
    .filter(([scenario]) => results[scenario])
    .map(([scenario, metric, unit, path, target]) => {
      const headway = get(results[scenario].headway, path);
      const floor = get(results[scenario].floor, path);
      const nest = get(results[scenario].nest, path);
      const ratioOf = (a, b) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? a / b : NaN);
      const ratio = ratioOf(headway, floor);
      let met = null;
      let goal = '—';
      if (target.maxRatio) {
        goal = `≤ ${target.maxRatio}× floor`;
        met = Number.isFinite(ratio) ? ratio <= target.maxRatio : null;
      } else if (target.max !== undefined) {
        goal = `≤ ${target.max} ${unit}`;
        met = typeof headway === 'number' ? headway <= target.max : null;
      } else if (target.min !== undefined) {
        goal = `≥ ${n(target.min)}${unit === '/s' ? '/s' : ''}`;
        met = typeof headway === 'number' ? headway >= target.min : null;
      } else if (target.equals !== undefined) {
        goal = `${target.equals}`;
        met = typeof headway === 'number' ? headway === target.equals : null;
      }
      // A value the search never got past (no knee step fell behind) is shown as "≥".
      const bound = (x) => (target.atLeast && get(x, target.atLeast) === true ? '≥ ' : '');
      return {
        scenario,
        metric,
        unit,
        headway,
        floor,
        nest,
        ratio,
        // What the design card's shape costs by itself: the Nest floor against the plain one.
        shapeRatio: ratioOf(nest, floor),
        goal,
        met,
        bounds: [bound(results[scenario].headway), bound(results[scenario].floor)],
      };
    });
}

function format(value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  if (unit === '' || unit === '/s') return Math.round(value).toLocaleString('en-US');
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The table; with the Nest floor measured, its column and its own ratio to the floor beside Headway's. */
function table(tableRows) {
  const withNest = tableRows.some((r) => r.nest !== undefined);
  const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
  const lines = withNest
    ? [
        '| scenario | metric | Headway | Nest floor | floor | ratio | Nest floor ratio | target | met? |',
        '|---|---|---:|---:|---:|---:|---:|---|---|',
      ]
    : ['| scenario | metric | Headway | floor | ratio | target | met? |', '|---|---|---:|---:|---:|---|---|'];
  for (const r of tableRows) {
    const met = r.met === null ? '—' : r.met ? 'yes' : '**no**';
    const headway = `${r.bounds[0]}${format(r.headway, r.unit)}`;
    const floor = `${r.bounds[1]}${format(r.floor, r.unit)}`;
    lines.push(
      withNest
        ? `| ${r.scenario} | ${r.metric} | ${headway} | ${format(r.nest, r.unit)} | ${floor} | ${times(r.ratio)} | ${times(r.shapeRatio)} | ${r.goal} | ${met} |`
        : `| ${r.scenario} | ${r.metric} | ${headway} | ${floor} | ${times(r.ratio)} | ${r.goal} | ${met} |`,
    );
  }
  return lines.join('\n');
}

function method(m, options, seconds) {
  const n = (x) => x.toLocaleString('en-US');
  return [
    `Measured ${m.date} at commit ${m.revision}, on ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, Linux ${m.kernel}; whole run ${(seconds / 60).toFixed(1)} min (build included).`,
    '',
    `- **Processes.** Each scenario starts a fresh server process: Headway exactly as \`npm start\` runs it (\`node dist/server/src/main.js\`, embedded SQLite in a temporary \`DATA_DIR\`, \`DEMO=off SIMULATOR=off\`, \`WRITE_RATE_LIMIT=1000000\`, \`HEARTBEAT_MS=300000\` so no heartbeat falls inside a measurement), then the floor (\`bench/floor-server.js\`, plain \`node:http\`: the same URLs and stream format, each change appended to a log with one \`fdatasync\` per request, serialized once into one Buffer and written to every screen of the station). A separate load-generator process (\`bench/load-generator.js\`) drives it over loopback TCP, its sockets bound to 127.0.0.2–127.0.0.${1 + options.sourceAddresses}. ${m.pinned ? 'Server pinned to CPU 0, load generator to CPU 1 (`taskset`).' : 'Processes not pinned.'}`,
    `- **Screens** are raw HTTP requests (\`http.request\`, one socket each) that cut the stream into frames and read \`event:\`, the seq of \`id:\` and a send time; no EventSource, no JSON parsing.`,
    `- **Latency.** Each change carries its send time (\`remarks: ["t=<ms since epoch>"]\`, taken just before the request is written); a screen subtracts it from the time its socket read returned. Broadcast: ${n(options.screens)} screens on one board, ${n(options.changes)} operator \`PATCH\`es one at a time (the next once every screen has the previous one); latency of a change is the time until the last screen has it, p50/p99 over changes. Network: ${n(options.networkScreens)} screens over ${n(options.stations)} stations, \`POST /api/updates\` with ${n(Math.round(options.rate / options.batchesPerSecond))} patch updates for random stations ${options.batchesPerSecond}×/s (${n(options.rate)} updates/s, open loop) for ${options.duration} s; p50/p99/p99.9 over every delivery.`,
    `- **Lost**: per screen, changes its station was given (the seqs in the answers) that it did not receive, after a drain of up to 15 s; broadcast: screens that did not get a change within ${options.changeTimeoutMs / 1000} s.`,
    `- **CPU per delivery**: the server process's utime+stime (\`/proc/<pid>/stat\`) over the measured phase, divided by the changes the screens received; it includes handling the write requests.`,
    `- **Memory**: server VmRSS (\`/proc/<pid>/status\`) with no screen, after ${n(options.memoryScreens)} idle screens and after ${n(options.maxScreens)} (over ${options.memoryStations} stations, ${options.settleMs / 1000} s after the last connected), divided by the screens held; then one change per station must reach every held screen ("live"). Kernel socket buffers are not in RSS. The open-file limit is 20,000 per process here.`,
    `- **Ingest**: ${options.ingestConcurrency} lanes of ${n(options.ingestBatch)}-update batches for ${options.ingestDuration} s, no screens; an answer means the batch is stored (Headway: SQLite WAL, \`synchronous=FULL\`).`,
    `- **Busy boards**: the memory measurement with ${options.busyStations} stations of ${n(options.busyDepartures)} big departures each (long destination, origin, 8 via stops, 2 long remarks; made through \`POST /api/updates\` batches); one board's JSON size (\`GET /api/stations/:id/board\`) is in the details.`,
    `- **Storm**: ${n(options.stormScreens)} screens over ${options.stormStations} stations, each with a snapshot and 3 changes; then the server is killed (\`kill -9\`, by bench/run.js) and restarted on the same data directory and port, and every screen reconnects at once (${n(options.stormConcurrency)} connections opening at a time; a failed attempt is retried 250 ms later, up to 5 times) with \`Last-Event-ID\`, while one more change per station is made 3 times. Time: from the restarted server answering \`/api/health\` until every screen has its first message. Missed: changes after a screen's id it did not get, in order, within 30 s. The floor keeps no boards across a restart: its time is that of connecting ${n(options.stormScreens)} fresh screens (snapshot included) at the same concurrency, the issue's yardstick.`,
    `- **Knee**: the network setup (${n(options.networkScreens)} screens over ${n(options.stations)} stations, open-loop batches through \`POST /api/updates\`, at most 5,000 updates per batch), ${options.kneeStep} s steps doubling from ${n(options.kneeStart)}/s until one falls behind, then bisecting to within 10%, at most ${options.kneeBudget} s of steps per server. A step keeps up when delivery p99 (a delivery still missing 1.5 s after the answers counts as slower than all) is under 1 s and the stored rate is at least 99% of the offered one. Target: at least the network scenario's rate.`,
    "- **Nest floor** (`bench/nest-floor-server.js`): the floor with its stream served the way the design card fixes it, a NestJS 11 `@Sse` handler on Express (with the project's patch of Nest's SSE write path, and Headway's adapter that gives requests and responses shared hidden classes) returning an Observable per screen, fed with messages framed once per station; no guard, pipe, interceptor, logger or helmet. Its ratio to the floor is what the shape costs by itself: a target tighter than that ratio cannot be met inside the shape. It is not run for ingest (its writes are the floor's) nor for the knee.",
    '- Ratios are Headway / floor from the same run: only a side-by-side ratio is stable on a shared 2-core machine.',
  ].join('\n');
}

function details(results) {
  const out = [];
  const r = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const n = (x) => (typeof x === 'number' ? x.toLocaleString('en-US') : 'n/a');
  for (const [scenario, byTarget] of Object.entries(results)) {
    for (const [target, x] of Object.entries(byTarget)) {
      if (x.error) {
        out.push(`- ${scenario}, ${target}: **failed**: ${x.error.split('\n')[0]}`);
        continue;
      }
      if (scenario === 'broadcast') {
        out.push(
          `- broadcast, ${target}: ${n(x.screens)} screens connected in ${r(x.connect.seconds)} s (${x.connect.failed} failed); per delivery p50 ${r(x.perDeliveryMs.p50)} / p99 ${r(x.perDeliveryMs.p99)} ms; PATCH answered p50 ${r(x.requestMs.p50)} ms; server CPU ${r(x.serverCpuShare * 100, 0)}% of a core, load generator ${r(x.clientCpuShare * 100, 0)}%; ${n(x.delivered)} deliveries, ${x.gaps} out of order, ${x.dropped} screens dropped.`,
        );
      } else if (scenario === 'network') {
        out.push(
          `- network, ${target}: ${n(x.screens)} screens connected in ${r(x.connect.seconds)} s (${x.connect.failed} failed); ${n(x.applied)} updates applied (${x.rejected} rejected, ${x.failed} failed) in ${r(x.storeSeconds)} s from the first batch to the last answer${x.answered ? '' : ' (some batches unanswered)'}, ${n(x.delivered)} of ${n(x.expectedDeliveries)} deliveries; batch answered p50 ${r(x.requestMs.p50)} / p99 ${r(x.requestMs.p99)} ms; server CPU ${r(x.serverCpuShare * 100, 0)}% of a core, load generator ${r(x.clientCpuShare * 100, 0)}%; ${x.gaps} out of order, ${x.dropped} screens dropped.`,
        );
      } else if (scenario === 'memory') {
        out.push(
          `- memory, ${target}: RSS ${r(x.baselineMiB)} MiB with no screen, ${r(x.first.rssMiB)} MiB at ${n(x.first.screens)}, ${r(x.max.rssMiB)} MiB at ${n(x.max.held)} held (${n(x.max.live)} live); connect errors ${JSON.stringify(x.max.connectErrors)}; connecting took ${r(x.connectSeconds)} s.`,
        );
      } else if (scenario === 'busy') {
        out.push(
          `- busy, ${target}: one board is ${n(x.boardBytes)} bytes of JSON (${n(x.boardDepartures)} departures), the boards made in ${r(x.setupSeconds)} s; RSS ${r(x.baselineMiB)} MiB with no screen, ${r(x.first.rssMiB)} MiB at ${n(x.first.screens)}, ${r(x.max.rssMiB)} MiB at ${n(x.max.held)} held (${n(x.max.live)} live)${typeof x.heapUsedMiB === 'number' ? `; V8 heap used ${r(x.heapUsedMiB)} MiB at ${n(x.max.held)} (from /metrics, not after a forced GC)` : ''}; connect errors ${JSON.stringify(x.max.connectErrors)}; connecting took ${r(x.connectSeconds)} s.`,
        );
      } else if (scenario === 'storm' && target !== 'headway') {
        out.push(
          `- storm, ${target}: ${n(x.screens)} fresh screens connected in ${r(x.liveSeconds, 2)} s (${x.failed} failed${x.failed ? ` ${JSON.stringify(x.errors)}` : ''}).`,
        );
      } else if (scenario === 'storm') {
        out.push(
          `- storm, ${target}: ${n(x.screens)} screens (first connect ${r(x.initialConnectSeconds)} s${x.caughtUpBeforeKill ? '' : ', not all caught up before the kill'}); kill -9 until healthy again ${r(x.restartSeconds, 2)} s; all live ${r(x.liveSeconds, 2)} s after that, ${n(x.reconnected)} reconnected, ${x.failed} failed (failed attempts, retries included: ${JSON.stringify(x.errors)}); ${n(x.changesAfterRestart)} changes made during the storm (${x.writesRefusedDuringStorm} batches refused with 503 and retried); ${x.missed} missed, ${x.duplicates} repeated, ${x.unexpectedSnapshots} snapshots${x.drained ? '' : ' (not all screens caught up in 30 s)'}.`,
        );
      } else if (scenario === 'knee') {
        const steps = x.steps
          .map(
            (s) =>
              `${n(s.rate)} ${s.keptUp ? 'ok' : 'behind'} (p99 ${s.p99Ms === null ? '> drain' : `${r(s.p99Ms, 0)} ms`}, stored ${n(Math.round(s.storedRate))}/s)`,
          )
          .join(', ');
        out.push(
          `- knee, ${target}: ${n(x.kneeRate)}/s${x.lowerBound ? ' (a lower bound: no step fell behind)' : `, behind at ${n(x.failedAt)}/s`}; ${n(x.screens)} screens over ${n(x.stations)} stations; steps ${steps}; search ${r(x.searchSeconds)} s.`,
        );
      } else if (scenario === 'ingest') {
        out.push(
          `- ingest, ${target}: ${n(x.applied)} updates in ${n(x.batches)} batches over ${r(x.seconds)} s (${x.rejected} rejected, ${n(x.refused ?? 0)} refused with 503 and sent again); batch answered p50 ${r(x.batchMs.p50, 0)} / p99 ${r(x.batchMs.p99, 0)} ms; ${r(x.cpuPerUpdateUs)} µs server CPU per update, ${r(x.serverCpuShare * 100, 0)}% of a core.` +
            (x.sqliteAlone
              ? ` SQLite alone (bench/sqlite-writes.js on the same core, the app's schema and statements, 1,024 changes per transaction): ${r(x.sqliteAlone.cpuUs)} µs CPU, ${r(x.sqliteAlone.wallUs)} µs wall per change, so at most ${n(Math.round(1e6 / x.sqliteAlone.wallUs))} changes/s with nothing above the store.`
              : ''),
        );
      }
    }
  }
  return out.join('\n');
}

function charts(results, options) {
  const files = [];
  const pair = (scenario, path) => ({
    headway: get(results[scenario] && results[scenario].headway, path),
    floor: get(results[scenario] && results[scenario].floor, path),
  });
  if (results.broadcast) {
    files.push([
      'broadcast-latency.svg',
      barChart({
        title: `Broadcast: until the last of ${options.screens.toLocaleString('en-US')} screens has a change`,
        unit: 'ms',
        groups: [
          { label: 'p50', ...pair('broadcast', 'lastScreenMs.p50') },
          { label: 'p99', ...pair('broadcast', 'lastScreenMs.p99') },
        ],
      }),
    ]);
  }
  if (results.network) {
    files.push([
      'network-latency.svg',
      barChart({
        title: `Network: delivery latency (${options.networkScreens.toLocaleString('en-US')} screens, ${options.rate.toLocaleString('en-US')} updates/s)`,
        unit: 'ms',
        groups: [
          ['p50', 'p50'],
          ['p99', 'p99'],
          ['p99.9', 'p999'],
        ].map(([label, key]) => ({ label, ...pair('network', `latencyMs.${key}`) })),
      }),
    ]);
  }
  if (results.broadcast || results.network) {
    files.push([
      'cpu-per-delivery.svg',
      barChart({
        title: 'Server CPU per delivery',
        unit: 'µs',
        groups: [
          { label: 'broadcast', ...pair('broadcast', 'cpuPerDeliveryUs') },
          { label: 'network', ...pair('network', 'cpuPerDeliveryUs') },
        ],
      }),
    ]);
  }
  if (results.memory) {
    files.push([
      'memory.svg',
      barChart({
        title: 'Server RSS per idle screen',
        unit: 'KB',
        line: { value: 15, label: 'target 15 KB' },
        groups: [
          { label: `${options.memoryScreens.toLocaleString('en-US')} screens`, ...pair('memory', 'first.perScreenKB') },
          { label: `${options.maxScreens.toLocaleString('en-US')} screens`, ...pair('memory', 'max.perScreenKB') },
        ],
      }),
    ]);
  }
  if (results.ingest) {
    files.push([
      'ingest.svg',
      barChart({
        title: 'Durable updates per second through POST /api/updates',
        unit: '/s',
        line: { value: 30_000, label: 'target 30,000/s' },
        groups: [{ label: 'ingest', ...pair('ingest', 'updatesPerSecond') }],
      }),
    ]);
  }
  return files;
}

/** Writes latest.md, latest.json and the charts; returns the Markdown table. */
function writeResults(outDir, { options, results, machine: m, seconds }) {
  const tableRows = rows(results, options);
  const md = table(tableRows);
  const svgs = charts(results, options);
  for (const [name, svg] of svgs) writeFileSync(join(outDir, name), svg);
  const doc = [
    '# Headway benchmark: latest run',
    '',
    'Written by `npm run bench` (bench/run.js). Headway against a minimal plain-Node SSE server doing the same fan-out (the floor), in the same run.',
    '',
    '## Method',
    '',
    method(m, options, seconds),
    '',
    '## Results',
    '',
    md,
    '',
    svgs.map(([name]) => `![${name}](${name})`).join('\n'),
    '',
    '## Details',
    '',
    details(results),
    '',
  ].join('\n');
  writeFileSync(join(outDir, 'latest.md'), doc);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ machine: m, seconds, options, results }, null, 2)}\n`);
  return md;
}

module.exports = { machine, writeResults, rows, table };
