'use strict';

/**
 * The bench's settings: every one can be given as a flag (`--screens 2000`) or as an environment
 * variable (`BENCH_SCREENS=2000`); a flag wins. Defaults are the issue's (#8) where they fit in
 * ten minutes on a 2-core machine.
 */
const SCENARIOS = ['broadcast', 'network', 'memory', 'ingest', 'busy', 'storm', 'knee'];
const TARGETS = ['floor', 'nest', 'headway'];

const SETTINGS = {
  only: { value: SCENARIOS.join(','), help: 'scenarios to run, comma-separated (the default: all of them)' },
  targets: { value: TARGETS.join(','), help: 'servers to measure: floor,headway (a ratio needs both)' },
  screens: { value: 10_000, help: 'broadcast: screens on the one board' },
  changes: { value: 100, help: 'broadcast: operator changes (PATCH), one at a time' },
  changeTimeoutMs: { value: 10_000, help: 'broadcast: how long a change may take to reach every screen' },
  gapMs: { value: 50, help: 'broadcast: pause between one change reaching every screen and the next change' },
  networkScreens: { value: 10_000, help: 'network: screens, spread evenly over the stations' },
  stations: { value: 1_000, help: 'network and ingest: stations' },
  departures: { value: 10, help: 'departures per station' },
  rate: { value: 3_000, help: 'network: updates per second, sent as batches through POST /api/updates' },
  batchesPerSecond: { value: 10, help: 'network: batches per second (each carries rate / batchesPerSecond updates)' },
  duration: { value: 30, help: 'network: seconds of sustained updates' },
  memoryScreens: { value: 10_000, help: 'memory: the first measuring point' },
  maxScreens: { value: 19_000, help: 'memory: the most screens to open (one process may hold ~19,900 sockets here)' },
  memoryStations: { value: 100, help: 'memory: stations the idle screens watch' },
  ingestDuration: { value: 10, help: 'ingest: seconds of batches' },
  ingestBatch: { value: 1_000, help: 'ingest: updates per batch' },
  ingestConcurrency: { value: 4, help: 'ingest: batches in flight at once' },
  busyStations: { value: 100, help: 'busy: stations of big boards the idle screens watch (screens: memoryScreens, maxScreens)' },
  busyDepartures: { value: 100, help: 'busy: departures per station, with long destination, via and remarks' },
  stormScreens: { value: 19_000, help: 'storm: screens that reconnect at once after the server is killed (kill -9) and restarted' },
  stormStations: { value: 100, help: 'storm: stations the screens watch' },
  stormConcurrency: { value: 1_000, help: "storm: connections being opened at once during the storm (and the floor's connect)" },
  kneeStart: { value: 1_000, help: 'knee: the first offered rate (updates/s); doubled until the server falls behind, then bisected' },
  kneeStep: { value: 4, help: 'knee: seconds of updates at each rate tried' },
  kneeBudget: { value: 24, help: 'knee: seconds of steps at most, per server' },
  identify: { value: true, help: 'screens send ?screen=<id>&v=<release> as the real board does (--no-identify: anonymous streams)' },
  connectConcurrency: { value: 200, help: 'screens connecting at once while opening' },
  settleMs: { value: 3_000, help: 'quiet time after the screens connect, before measuring' },
  sourceAddresses: { value: 50, help: 'client source addresses 127.0.0.2 ... (ports per address are limited)' },
  profile: { value: false, help: 'CPU-profile each server over the measured phase, into <out>/profiles/' },
  profileConnect: { value: false, help: 'broadcast, with --profile: profile the screens connecting instead of the changes' },
  pin: { value: true, help: 'pin the server to CPU 0 and the load generator to CPU 1 (taskset)' },
  build: { value: true, help: 'build first if a source changed since the last build (--no-build to skip)' },
  quick: { value: false, help: 'a development loop of under 2 minutes: smaller defaults (QUICK below), results in bench/results/quick' },
  out: { value: 'bench/results', help: 'where latest.md, latest.json and the SVG charts go' },
};

/**
 * What `--quick` changes, unless a flag or variable sets it too: every scenario still runs against the
 * floor, at a size that shows a regression's direction, not the targets' numbers.
 */
const QUICK = {
  screens: 2_000,
  changes: 20,
  networkScreens: 2_000,
  stations: 200,
  duration: 3,
  memoryScreens: 2_000,
  maxScreens: 3_000,
  ingestDuration: 2,
  stormScreens: 2_000,
  busyStations: 20,
  // Two short steps: 2,000/s, then 4,000/s or 1,000/s (past the network scenario's 3,000/s, or below it).
  kneeStart: 2_000,
  kneeStep: 2,
  kneeBudget: 4,
  settleMs: 500,
  // The Nest floor is left out of the loop (it is a yardstick, not what changes): `--targets floor,nest,headway` adds it.
  targets: 'floor,headway',
  out: 'bench/results/quick',
};

function envName(key) {
  return `BENCH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

function flagName(key) {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function convert(key, raw) {
  const fallback = SETTINGS[key].value;
  if (typeof fallback === 'boolean') return !['0', 'false', 'off', 'no'].includes(String(raw).toLowerCase());
  if (typeof fallback === 'number') {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flagName(key)} must be a non-negative number, got "${raw}"`);
    return value;
  }
  return String(raw);
}

function usage() {
  const lines = Object.entries(SETTINGS).map(
    ([key, s]) => `  --${flagName(key).padEnd(22)} ${String(s.value).padEnd(36)} ${s.help} (${envName(key)})`,
  );
  return `npm run bench -- [flags]\n\n${lines.join('\n')}\n`;
}

/** Reads flags and `BENCH_*` variables; throws with a message naming a bad one. */
function parseOptions(argv, env) {
  const byFlag = new Map(Object.keys(SETTINGS).map((key) => [flagName(key), key]));
  const options = {};
  const given = new Set();
  for (const key of Object.keys(SETTINGS)) {
    const fromEnv = env[envName(key)];
    options[key] = fromEnv === undefined || fromEnv === '' ? SETTINGS[key].value : convert(key, fromEnv);
    if (fromEnv !== undefined && fromEnv !== '') given.add(key);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: usage() };
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = match && byFlag.get(match[2]);
    if (!key) throw new Error(`unknown flag "${arg}"\n\n${usage()}`);
    given.add(key);
    if (typeof SETTINGS[key].value === 'boolean') {
      options[key] = match[3] !== undefined ? convert(key, match[3]) : !match[1];
    } else {
      const raw = match[3] ?? argv[++i];
      if (raw === undefined) throw new Error(`--${match[2]} needs a value`);
      options[key] = convert(key, raw);
    }
  }
  if (options.quick) for (const [key, value] of Object.entries(QUICK)) if (!given.has(key)) options[key] = value;
  options.only = options.only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  options.targets = options.targets
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of options.only) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario "${s}" (${SCENARIOS.join(', ')})`);
  for (const t of options.targets) if (!TARGETS.includes(t)) throw new Error(`unknown target "${t}" (${TARGETS.join(', ')})`);
  return options;
}

module.exports = { parseOptions, SCENARIOS, TARGETS };
