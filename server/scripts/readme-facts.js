#!/usr/bin/env node
// The README's numbers that a build or a bench run knows better than a person: the web bundle's
// sizes (from dist/web) and the latest benchmark table (from bench/results/latest.md). Each sits
// between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. `node server/scripts/readme-facts.js`
// rewrites them; `--check` only says which are stale (test/unit/readme-facts.spec.ts runs it).
'use strict';
const { readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const ROOT = join(__dirname, '../..');
const README = join(ROOT, 'README.md');

/** gzipped kB of the first asset whose name starts with `prefix` and ends with `ext`. */
function gzippedKb(assets, prefix, ext) {
  const name = readdirSync(assets).find((f) => f.startsWith(prefix) && f.endsWith(ext));
  if (!name) throw new Error(`no ${prefix}*${ext} in ${assets}: run npm run build:web first`);
  return (gzipSync(readFileSync(join(assets, name))).length / 1000).toFixed(1);
}

function bundle() {
  const assets = join(ROOT, 'dist/web/assets');
  const kb = (prefix, ext) => gzippedKb(assets, prefix, ext);
  return [
    `- The board screen's bundle is ${kb('index-', '.js')} kB JS + ${kb('index-', '.css')} kB CSS gzipped. The console is a separate`,
    `  chunk that wall screens never load: ${kb('admin-', '.js')} kB + ${kb('admin-', '.css')} kB (\`npm run build:web\` prints both).`,
  ].join('\n');
}

function bench() {
  const latest = readFileSync(join(ROOT, 'bench/results/latest.md'), 'utf8');
  const measured = /Measured (.+?) at commit (\w+), on ([^,]+), [^,]+, Node (v[\d.]+)/.exec(latest);
  if (!measured) throw new Error('bench/results/latest.md does not say when and where it was measured');
  const results = latest.slice(latest.indexOf('## Results'));
  const table = results
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');
  const [, when, commit, cpu, node] = measured;
  return [
    `**Latest run** (at \`${commit}\`, ${when}, ${cpu}, Node ${node}; full method, details and charts in`,
    '[`bench/results/latest.md`](bench/results/latest.md), raw numbers in `bench/results/latest.json`):',
    '',
    table,
  ].join('\n');
}

const SECTIONS = { bundle, bench };

/** README with every generated section rewritten, and the names of those that changed. */
function regenerate(text) {
  const stale = [];
  for (const [name, make] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->\\n)([\\s\\S]*?)(\\n<!-- /generated:${name} -->)`);
    const match = pattern.exec(text);
    if (!match) throw new Error(`README.md has no generated:${name} section`);
    const fresh = make();
    if (match[2] !== fresh) stale.push(name);
    text = text.replace(pattern, (_all, open, _old, close) => `${open}${fresh}${close}`);
  }
  return { text, stale };
}

if (require.main === module) {
  const { text, stale } = regenerate(readFileSync(README, 'utf8'));
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      console.error(`README.md is stale in: ${stale.join(', ')}; run node server/scripts/readme-facts.js`);
      process.exit(1);
    }
  } else {
    writeFileSync(README, text);
    console.log(stale.length > 0 ? `README.md: rewrote ${stale.join(', ')}` : 'README.md: up to date');
  }
}

module.exports = { regenerate };
