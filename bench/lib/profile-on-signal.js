'use strict';
/**
 * Loaded into a server under test with `--require` when the bench runs with `--profile`: the first
 * SIGWINCH starts V8's CPU profiler, the next one writes what it recorded to BENCH_PROFILE_FILE
 * (open it in Chrome DevTools or speedscope). SIGWINCH because Nest's shutdown hooks take SIGUSR2, and
 * a process without this file ignores it. The load generator sends the two signals around the
 * measured phase, so set-up and connecting are left out.
 */
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new Session();
session.connect();
let running = false;

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(process.env.BENCH_PROFILE_FILE || `bench-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
