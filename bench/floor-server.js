'use strict';
/**
 * The floor: the least a Node server can do to give station screens the same service, so the bench
 * can say how much Headway adds to it. Plain `node:http`, no framework. It answers the URLs the bench
 * uses, with the same bodies and the same stream format as Headway:
 *
 *   GET  /api/health
 *   PUT  /api/stations/:stationId                      { name, timezone }
 *   GET  /api/stations/:stationId/board                the board, as the snapshot carries it
 *   GET  /api/stations/:stationId/board/events         snapshot, then one message per change (Last-Event-ID is ignored: always a snapshot)
 *   PUT  /api/stations/:stationId/departures/:id       a whole departure
 *   PATCH /api/stations/:stationId/departures/:id      { delayMinutes?, platform?, cancelled?, cancelReason?, remarks? }
 *   POST /api/updates                                  { updates: [put-departure | patch-departure] }
 *
 * Each change is made durable the cheapest way (appended to a log file, fdatasync once per request,
 * before publishing and answering, as Headway commits before it publishes), serialized once into one
 * Buffer, and that Buffer is written to every screen of the station: one write per change per screen.
 *
 * Environment: PORT, HOST (127.0.0.1), BOARD_ADMIN_TOKEN, DATA_DIR (for the log).
 */
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const PORT = Number(process.env.PORT || 3100);
const HOST = process.env.HOST || '127.0.0.1';
const AUTHORIZATION = `Bearer ${process.env.BOARD_ADMIN_TOKEN || 'floor-token-0123456789'}`;
const DATA_DIR = process.env.DATA_DIR || fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'floor-'));
const BODY_LIMIT = 16 * 1024 * 1024;
const EPOCH = 'f100r00000';

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream',
  Connection: 'keep-alive',
  'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
  'X-Accel-Buffering': 'no',
};

/** id -> { station, seq, departures: Map, screens: Set<ServerResponse>, snapshot: { seq, buffer } } */
const stations = new Map();
const log = fs.openSync(path.join(DATA_DIR, 'floor.log'), 'a');

function send(res, status, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function problem(status, error, message) {
  return { status, body: { statusCode: status, error, message } };
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(problem(413, 'payload_too_large', 'body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch {
        reject(problem(400, 'invalid_json', 'The body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function statusOf(d) {
  if (d.cancelled) return 'cancelled';
  return d.expectedTime && Date.parse(d.expectedTime) - Date.parse(d.scheduledTime) >= 60_000 ? 'delayed' : 'on-time';
}

function buildDeparture(id, body, previous, now) {
  const d = {
    id,
    kind: body.kind ?? 'departure',
    line: body.line,
    lineColor: body.lineColor,
    destination: body.destination,
    origin: body.origin ?? null,
    via: body.via ?? [],
    scheduledTime: new Date(body.scheduledTime).toISOString(),
    expectedTime: body.expectedTime ? new Date(body.expectedTime).toISOString() : null,
    scheduledPlatform: body.scheduledPlatform ?? null,
    platform: body.platform ?? body.scheduledPlatform ?? null,
    status: 'on-time',
    cancelled: body.cancelled === true,
    cancelReason: body.cancelReason ?? null,
    remarks: body.remarks ?? [],
    override: null,
    version: previous ? previous.version + 1 : 1,
    updatedAt: now,
  };
  d.status = statusOf(d);
  return d;
}

function patchDeparture(current, patch, now) {
  const d = { ...current, version: current.version + 1, updatedAt: now };
  if (typeof patch.delayMinutes === 'number')
    d.expectedTime = new Date(Date.parse(d.scheduledTime) + patch.delayMinutes * 60_000).toISOString();
  if (patch.expectedTime !== undefined) d.expectedTime = patch.expectedTime;
  if (patch.platform !== undefined) d.platform = patch.platform;
  if (patch.cancelled !== undefined) d.cancelled = patch.cancelled;
  if (patch.cancelReason !== undefined) d.cancelReason = patch.cancelReason;
  if (patch.remarks !== undefined) d.remarks = patch.remarks;
  d.status = statusOf(d);
  return d;
}

/** What the wire carries of a departure (Headway's shape: `cancelled` is folded into `status`). */
function wire(d) {
  const { cancelled: _cancelled, ...rest } = d;
  return rest;
}

/** Validates one update and stages its change; throws a problem for a bad one. */
function stage(update, now) {
  const station = stations.get(update && update.stationId);
  if (!station) throw problem(404, 'not_found', `Station "${update && update.stationId}" not found`);
  const id = update.departureId;
  if (typeof id !== 'string' || id.length === 0) throw problem(400, 'validation_failed', 'departureId is required');
  const current = station.departures.get(id);
  if (update.op === 'put-departure') return { station, departure: buildDeparture(id, update.departure || {}, current, now) };
  if (update.op === 'patch-departure') {
    if (!current) throw problem(404, 'not_found', `Departure "${id}" not found`);
    return { station, departure: patchDeparture(current, update.patch || {}, now) };
  }
  throw problem(400, 'validation_failed', `op "${update.op}" is not supported by the floor server`);
}

/** Stores the staged changes durably, then gives each its seq and sends it to the station's screens. */
function commit(changes) {
  if (changes.length === 0) return [];
  fs.writeSync(log, changes.map((c) => `${c.station.station.id}\t${JSON.stringify(c.departure)}\n`).join(''));
  fs.fdatasyncSync(log);
  return changes.map(({ station, departure }) => {
    station.departures.set(departure.id, departure);
    const seq = ++station.seq;
    const event = { type: 'departure-set', seq, departure: wire(departure) };
    const data = JSON.stringify(event);
    const frame = Buffer.from(`event: departure-set\nid: ${EPOCH}.${seq}\ndata: ${data}\n\n`);
    for (const screen of station.screens) screen.write(frame);
    // The screens of bench/nest-floor-server.js: subscribers of an @Sse Observable each.
    if (station.subscribers) {
      const message = { type: 'departure-set', id: `${EPOCH}.${seq}`, data, frame };
      for (const subscriber of station.subscribers) subscriber.next(message);
    }
    return seq;
  });
}

/** The board as Headway's GET /api/stations/:id/board answers it (and its snapshot carries it). */
function boardOf(station) {
  const departures = [...station.departures.values()].sort((a, b) => (a.scheduledTime < b.scheduledTime ? -1 : 1)).map(wire);
  return { epoch: EPOCH, seq: station.seq, station: station.station, departures, alerts: [], feed: null };
}

function snapshotFrame(station) {
  if (!station.snapshot || station.snapshot.seq !== station.seq) {
    const event = { type: 'snapshot', board: boardOf(station), serverTime: new Date().toISOString() };
    station.snapshot = {
      seq: station.seq,
      buffer: Buffer.from(`event: snapshot\nid: ${EPOCH}.${station.seq}\nretry: 3000\ndata: ${JSON.stringify(event)}\n\n`),
    };
  }
  return station.snapshot.buffer;
}

function openStream(req, res, station) {
  req.socket.setNoDelay(true);
  req.socket.setTimeout(0);
  res.writeHead(200, STREAM_HEADERS);
  res.write(snapshotFrame(station));
  station.screens.add(res);
  res.on('close', () => station.screens.delete(res));
}

async function route(req, res) {
  const url = req.url;
  const query = url.indexOf('?');
  const parts = (query === -1 ? url : url.slice(0, query)).split('/');
  if (parts[1] !== 'api') return problem(404, 'not_found', 'Not found');
  if (parts[2] === 'health' && parts.length === 3) return { status: 200, body: { status: 'ok' } };
  if (req.method !== 'GET' && req.headers.authorization !== AUTHORIZATION)
    return problem(401, 'unauthorized', 'A valid bearer token is required');
  if (parts[2] === 'updates' && parts.length === 3 && req.method === 'POST') {
    const body = await readJson(req);
    const updates = (body && body.updates) || [];
    const now = new Date().toISOString();
    const results = [];
    const changes = [];
    const indexes = [];
    updates.forEach((update, index) => {
      try {
        changes.push(stage(update, now));
        indexes.push(index);
        results.push({ index, status: 'applied' });
      } catch (error) {
        if (!error.body) throw error;
        results.push({ index, status: 'rejected', error: error.body });
      }
    });
    commit(changes).forEach((seq, i) => (results[indexes[i]].seq = seq));
    return { status: 200, body: { applied: changes.length, rejected: results.length - changes.length, results } };
  }
  if (parts[2] !== 'stations' || parts.length < 4) return problem(404, 'not_found', 'Not found');
  const stationId = parts[3];
  const station = stations.get(stationId);
  if (parts.length === 4) {
    if (req.method === 'PUT') {
      const body = await readJson(req);
      const known = stations.has(stationId);
      const info = { id: stationId, name: body.name, timezone: body.timezone };
      if (known) station.station = info;
      else stations.set(stationId, { station: info, seq: 0, departures: new Map(), screens: new Set(), snapshot: null });
      return { status: known ? 200 : 201, body: info };
    }
    if (req.method === 'GET' && station) return { status: 200, body: station.station };
    return problem(404, 'not_found', `Station "${stationId}" not found`);
  }
  if (!station) return problem(404, 'not_found', `Station "${stationId}" not found`);
  if (parts.length === 5 && parts[4] === 'board' && req.method === 'GET') return { status: 200, body: boardOf(station) };
  if (parts.length === 6 && parts[4] === 'board' && parts[5] === 'events' && req.method === 'GET') return openStream(req, res, station);
  if (parts.length === 6 && parts[4] === 'departures' && (req.method === 'PUT' || req.method === 'PATCH')) {
    const body = await readJson(req);
    const departureId = decodeURIComponent(parts[5]);
    const existed = station.departures.has(departureId);
    const op = req.method === 'PUT' ? { op: 'put-departure', departure: body } : { op: 'patch-departure', patch: body };
    const change = stage({ ...op, stationId, departureId }, new Date().toISOString());
    commit([change]);
    return { status: req.method === 'PUT' && !existed ? 201 : 200, body: wire(change.departure) };
  }
  return problem(404, 'not_found', 'Not found');
}

/** Answers one request (the stream is opened by `route` itself). */
function handle(req, res) {
  route(req, res).then(
    (answer) => answer && send(res, answer.status, answer.body),
    (error) =>
      error && error.body
        ? send(res, error.status, error.body)
        : send(res, 500, { statusCode: 500, error: 'internal', message: String(error) }),
  );
}

if (require.main === module) {
  const server = http.createServer(handle);
  server.keepAliveTimeout = 5_000;
  // The same accept queue as Headway's (LISTEN_BACKLOG's default), so a burst of connections meets the same kernel.
  server.listen(PORT, HOST, 4096, () => process.stdout.write(`floor server on http://${HOST}:${PORT} (log in ${DATA_DIR})\n`));
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      server.close();
      server.closeAllConnections();
      process.exit(0);
    });
  }
}

module.exports = { handle, stations, snapshotFrame, EPOCH, PORT, HOST };
