#!/usr/bin/env node
'use strict';
/**
 * Builds (`npm run build`) only when a source changed since the last build, so `npm start` after a
 * crash or a restart serves at once instead of rebuilding first, while a fresh clone or an edited
 * source still gets built. The last build's inputs are stamped in dist/.build-stamp.
 */
const { execSync } = require('node:child_process');
const { readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '../..');
const STAMP = join(ROOT, 'dist/.build-stamp');
const INPUTS = ['server', 'web', 'shared', 'package.json', 'package-lock.json', 'tsconfig.json', 'patches'];
const SKIP = new Set(['node_modules', 'dist', '.vite']);

/** The newest modification time of a file or of anything under a folder. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (!SKIP.has(entry)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const sources = Math.max(...INPUTS.map((input) => newest(join(ROOT, input))));
const built = newest(STAMP);
if (built > sources) {
  process.stdout.write('build is up to date\n');
} else {
  const started = Date.now();
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(STAMP, `built in ${Date.now() - started} ms\n`);
}
