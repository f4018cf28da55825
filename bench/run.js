#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: builds Headway, then for each scenario starts a fresh server process (the real
 * Headway from dist/, and the plain-Node floor in bench/floor-server.js) and a separate load
 * generator process that drives it over loopback sockets; writes the ratio table and charts to
 * bench/results/ and prints the table. `npm run bench -- --help` lists the settings.
 */
const { spawn, fork, execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, mkdirSync, existsSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseOptions, SCENARIOS } = require('./lib/options');
const { openFileLimit } = require('./lib/proc');
const { machine, writeResults } = require('./lib/report');

const ROOT = resolve(__dirname, '..');
const TOKEN = 'bench-admin-token-0123456789abcdef';
const ENTRIES = {
  headway: join(ROOT, 'dist/server/src/main.js'),
  floor: join(__dirname, 'floor-server.js'),
  nest: join(__dirname, 'nest-floor-server.js'),
};
const SERVER_CPU = 0;
const CLIENT_CPU = 1;

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

function pin(pid, cpu, options) {
  if (!options.pin) return;
  try {
    execFileSync('taskset', ['-a', '-pc', String(cpu), String(pid)], { stdio: 'ignore' });
  } catch {
    log(`could not pin process ${pid} to CPU ${cpu} (taskset missing?); running unpinned`);
    options.pin = false;
  }
}

/** The environment of a server under test: embedded store, no demo, no simulator, no throttling. */
function serverEnv(port, dataDir) {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
  return {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BOARD_ADMIN_TOKEN: TOKEN,
    DEMO: 'off',
    SIMULATOR: 'off',
    WRITE_RATE_LIMIT: '1000000',
    // Thousands of screens come from a handful of loopback addresses.
    STREAMS_PER_CLIENT: '100000',
    // Heartbeats (15 s by default) would land at random inside the measured phases; the floor sends none.
    HEARTBEAT_MS: '300000',
  };
}

/**
 * What SQLite alone costs per change on the server's core (bench/sqlite-writes.js: the app's own
 * schema and statements, no server): the ingest ceiling that no work above the store can raise.
 */
function sqliteAlone(options) {
  const script = "require('./bench/sqlite-writes').measureChangeCost().then((r) => process.stdout.write(JSON.stringify(r)))";
  const command = options.pin
    ? ['taskset', ['-c', String(SERVER_CPU), process.execPath, '-e', script]]
    : [process.execPath, ['-e', script]];
  return JSON.parse(execFileSync(command[0], command[1], { cwd: ROOT, encoding: 'utf8' }));
}

async function startServer(scenario, target, options) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `headway-bench-${target}-`));
  let proc = await launch(scenario, target, options, port, dataDir);
  return {
    port,
    get pid() {
      return proc.pid;
    },
    output: () => proc.output(),
    /** For the storm scenario: kill -9 (no shutdown hook runs), then the same server on the same data and port. */
    async restart() {
      proc.child.kill('SIGKILL');
      await proc.exited;
      proc = await launch(scenario, target, options, port, dataDir);
      return proc.pid;
    },
    async stop() {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts one server process on `port` and `dataDir`; resolves once /api/health answers. */
async function launch(scenario, target, options, port, dataDir) {
  const env = serverEnv(port, dataDir);
  const nodeArgs = [];
  if (options.profile) {
    nodeArgs.push('--require', join(__dirname, 'lib/profile-on-signal.js'));
    mkdirSync(resolve(ROOT, options.out, 'profiles'), { recursive: true });
    env.BENCH_PROFILE_FILE = resolve(ROOT, options.out, 'profiles', `${scenario}-${target}.cpuprofile`);
  }
  const child = spawn(process.execPath, [...nodeArgs, ENTRIES[target]], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
  pin(child.pid, SERVER_CPU, options);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    let problem = null;
    if (child.exitCode !== null || child.signalCode !== null) problem = 'exited at start';
    else if (Date.now() > deadline) problem = 'did not become healthy in 30 s';
    if (problem) {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`${target} ${problem}:\n${output}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    // Polled finely: the storm scenario times the reconnect from this moment.
    await new Promise((r) => setTimeout(r, 20));
  }
  return { pid: child.pid, child, exited, stop, output: () => output };
}

function runLoad(scenario, target, server, options) {
  return new Promise((resolveRun, reject) => {
    const child = fork(join(__dirname, 'load-generator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    pin(child.pid, CLIENT_CPU, options);
    let answer = null;
    child.on('message', (message) => {
      // The one request a scenario may make mid-run (storm): restart the server under it.
      if (message.restart) {
        server.restart().then(
          (pid) => child.send({ restarted: { pid, at: Date.now() } }),
          (error) => child.send({ restarted: { error: String(error.message || error).slice(0, 2000) } }),
        );
      } else answer = message;
    });
    child.once('exit', (code) => {
      if (answer && answer.ok) resolveRun(answer.result);
      else reject(new Error(answer ? answer.error : `load generator exited with ${code}`));
    });
    child.send({ scenario, target, port: server.port, pid: server.pid, token: TOKEN, options });
  });
}

async function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.help) return void process.stdout.write(options.help);
  const started = Date.now();
  const [soft, hard] = openFileLimit();
  const ceiling = Math.min(soft, hard) - 200;
  if (options.maxScreens > ceiling) {
    log(`open-file limit is ${soft} (hard ${hard}): memory scenario capped at ${ceiling} screens`);
    options.maxScreens = ceiling;
  }
  for (const key of ['screens', 'networkScreens', 'memoryScreens', 'stormScreens']) options[key] = Math.min(options[key], ceiling);
  if (options.build) {
    // Only when a source changed since the last build (as `npm start` does): a rebuild is half a minute of the run.
    log('build if stale');
    execFileSync(process.execPath, [resolve(ROOT, 'server/scripts/build-if-stale.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  if (!existsSync(ENTRIES.headway)) throw new Error(`${ENTRIES.headway} is missing: run without --no-build`);
  const results = {};
  for (const scenario of options.only) {
    results[scenario] = {};
    for (const target of options.targets) {
      // The Nest floor's writes are the floor's own: only its stream differs. Its knee is left out too, so a full
      // run stays under 10 minutes (the network scenario already measures its stream under the same writes).
      if (target === 'nest' && (scenario === 'ingest' || scenario === 'knee')) continue;
      log(`${scenario}: ${target}`);
      const server = await startServer(scenario, target, options);
      const t0 = Date.now();
      try {
        results[scenario][target] = await runLoad(scenario, target, server, options);
        // A yardstick for the full run's reasoning; the quick loop leaves it out (it takes ~5 s).
        if (scenario === 'ingest' && target === 'headway' && !options.quick) results[scenario][target].sqliteAlone = sqliteAlone(options);
      } catch (error) {
        results[scenario][target] = { error: String(error.message || error).slice(0, 2000) };
        log(`${scenario} on ${target} failed: ${error.message}\n--- server output ---\n${server.output().slice(-3000)}`);
      } finally {
        await server.stop();
      }
      log(`${scenario}: ${target} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const outDir = resolve(ROOT, options.out);
  mkdirSync(outDir, { recursive: true });
  const table = writeResults(outDir, { options, results, machine: machine(options), seconds });
  process.stdout.write(
    `\n${table}\n\nResults in ${options.out}/ (latest.md, latest.json, *.svg); took ${(seconds / 60).toFixed(1)} min.\n`,
  );
  // A full run into bench/results is the README's table; quick and partial runs are not.
  if (outDir === resolve(ROOT, 'bench/results') && options.only.length === SCENARIOS.length && !options.quick) {
    execFileSync(process.execPath, [resolve(ROOT, 'server/scripts/readme-facts.js')], { stdio: 'inherit' });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
