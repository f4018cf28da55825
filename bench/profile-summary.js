#!/usr/bin/env node
'use strict';
/**
 * Summarizes a .cpuprofile written by `npm run bench -- --profile`: where the server's CPU went,
 * by function (self time) and by package or source folder.
 *
 *   node bench/profile-summary.js bench/results/profiles/network-headway.cpuprofile [top=25]
 */
const { readFileSync } = require('node:fs');

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg) || 25;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) || 0) + 1);
const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
const total = profile.samples.length;

function where(url) {
  if (!url) return '(native / V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  if (dist !== -1)
    return url
      .slice(dist + 6)
      .split('/')
      .slice(0, -1)
      .join('/');
  return url.split('/').slice(-2, -1)[0] || url;
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, ticks] of selfTicks) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const name = `${functionName || '(anonymous)'}  ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) || 0) + ticks);
  byPlace.set(where(url), (byPlace.get(where(url)) || 0) + ticks);
}
const show = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, ticks] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${((ticks / total) * 100).toFixed(1).padStart(5)}%  ${((ticks * interval) / 1000).toFixed(0).padStart(6)} ms  ${name}\n`,
    );
  }
};
process.stdout.write(`${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${total} samples\n`);
show('Self time by package or folder', byPlace);
show('Self time by function', byFunction);
