'use strict';
const { readFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Resident set size in bytes (VmRSS). */
function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Open-file limit of a process: [soft, hard]. */
function openFileLimit(pid = 'self') {
  const match = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  const read = (s) => (s === 'unlimited' ? Infinity : Number(s));
  return match ? [read(match[1]), read(match[2])] : [NaN, NaN];
}

/**
 * With `--profile`: starts (first call) or stops and saves (second call) the server's CPU profile.
 * `phase` is the phase this mark belongs to: 'connect' marks count only with --profile-connect.
 */
async function profileMark(pid, options, phase = 'measured') {
  if (!options.profile || (phase === 'connect') !== Boolean(options.profileConnect)) return;
  process.kill(pid, 'SIGWINCH');
  await new Promise((resolve) => setTimeout(resolve, 500));
}

module.exports = { cpuSeconds, rssBytes, openFileLimit, profileMark, TICKS };
