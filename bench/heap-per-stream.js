#!/usr/bin/env node
// Where an idle screen's memory goes: the JavaScript heap a server holds per open board stream,
// by kind of object, for Headway (the built server, as `npm start` runs it) and for the floor
// (bench/floor-server.js), measured the same way. Each server gets 20 stations and 20 streams,
// then a heap snapshot; then N more streams (default 2,000), then another; the difference
// divided by N is what one stream holds. Heap only: the kernel's socket buffers and V8's free
// space are outside it (RSS per screen is `npm run bench -- --only memory`).
//
//   npm run build && node bench/heap-per-stream.js [--streams 2000] [--top 25] [--target headway|floor]
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const TOKEN = 'bench-admin-token-0123456789';
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const STREAMS = Number(arg('streams', 2000));
const TOP = Number(arg('top', 25));
const TARGETS = arg('target', 'headway,floor').split(',');
const STATIONS = 20;

const SERVERS = {
  headway: {
    script: 'dist/server/src/main.js',
    env: { DEMO: 'off', SIMULATOR: 'off', STREAMS_PER_CLIENT: '100000', HEARTBEAT_MS: '300000' },
  },
  floor: { script: 'bench/floor-server.js', env: {} },
};

function request(port, method, path, body) {
  return new Promise((done, fail) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode));
      },
    );
    req.on('error', fail);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Opens `count` streams (numbered from `from`), spread over the stations and over 40 local addresses; resolves once all have their headers. */
async function openStreams(port, from, count, held) {
  for (let i = from; i < from + count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, from + count - i) }, (_, k) => {
        const n = i + k;
        return new Promise((done, fail) => {
          const req = http.get(
            {
              host: '127.0.0.1',
              port,
              agent: false,
              localAddress: `127.0.0.${2 + (n % 40)}`,
              path: `/api/stations/s${n % STATIONS}/board/events?screen=bench-screen-${n}&v=1`,
            },
            (res) => {
              if (res.statusCode !== 200) return fail(new Error(`stream ${n}: ${res.statusCode}`));
              res.on('data', () => undefined);
              held.push(req);
              done();
            },
          );
          req.on('error', fail);
        });
      }),
    );
  }
}

/** Self size and count by `type:name` (strings and code by type alone). */
function aggregate(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const { node_fields: fields, node_types: types } = snap.snapshot.meta;
  const width = fields.length;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const totals = new Map();
  let all = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const kind = types[0][snap.nodes[i + type]];
    const key = /string/.test(kind) || kind === 'code' ? kind : `${kind}: ${snap.strings[snap.nodes[i + name]]}`.slice(0, 70);
    const entry = totals.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snap.nodes[i + size];
    all += snap.nodes[i + size];
    totals.set(key, entry);
  }
  return { totals, all };
}

async function measure(target) {
  const dir = mkdtempSync(join(tmpdir(), `heap-${target}-`));
  const port = 3900 + TARGETS.indexOf(target);
  const { script, env } = SERVERS[target];
  mkdirSync(join(dir, 'data'));
  const server = spawn(process.execPath, ['--heapsnapshot-signal=SIGWINCH', `--diagnostic-dir=${dir}`, script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: join(dir, 'data'), BOARD_ADMIN_TOKEN: TOKEN },
    stdio: 'ignore',
  });
  const held = [];
  try {
    for (let tries = 0; ; tries++) {
      try {
        await request(port, 'GET', '/api/health');
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (let s = 0; s < STATIONS; s++)
      await request(port, 'PUT', `/api/stations/s${s}`, { name: `Station ${s}`, timezone: 'Europe/Zurich' });
    const snapshot = async () => {
      const before = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')).length;
      await new Promise((r) => setTimeout(r, 2000));
      server.kill('SIGWINCH');
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const files = readdirSync(dir)
          .filter((f) => f.endsWith('.heapsnapshot'))
          .sort();
        // Written when the next file starts or the size settles; a second's quiet is enough here.
        if (files.length > before) {
          await new Promise((r) => setTimeout(r, 3000));
          return join(dir, files[files.length - 1]);
        }
      }
    };
    await openStreams(port, 0, STATIONS, held);
    const first = aggregate(await snapshot());
    await openStreams(port, STATIONS, STREAMS, held);
    const second = aggregate(await snapshot());
    const rows = [...second.totals].map(([key, v]) => {
      const o = first.totals.get(key) ?? { count: 0, bytes: 0 };
      return { key, count: (v.count - o.count) / STREAMS, bytes: (v.bytes - o.bytes) / STREAMS };
    });
    rows.sort((a, b) => b.bytes - a.bytes);
    return { perStream: (second.all - first.all) / STREAMS, rows };
  } finally {
    for (const req of held) req.destroy();
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

(async () => {
  console.log(`Heap per open board stream, ${STREAMS} idle streams over ${STATIONS} stations (snapshot difference / streams)\n`);
  for (const target of TARGETS) {
    const { perStream, rows } = await measure(target);
    console.log(`${target}: ${(perStream / 1024).toFixed(1)} KB per stream`);
    console.log('  objects/stream   bytes/stream  kind');
    for (const r of rows.slice(0, TOP)) console.log(`  ${r.count.toFixed(2).padStart(14)} ${r.bytes.toFixed(0).padStart(14)}  ${r.key}`);
    console.log('');
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
