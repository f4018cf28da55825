'use strict';
const http = require('node:http');
const { performance } = require('node:perf_hooks');

/**
 * A station screen as the load generator plays it: one raw HTTP request for the event stream,
 * frames cut on blank lines, and only what the bench needs read from each frame (the event name,
 * the seq at the end of `id:`, and the send time the load generator put in the change's remarks
 * as `"t=<ms since the epoch>"`). No EventSource and no JSON.parse: ten thousand of these share
 * one core, and whatever they cost is added to both servers' latency alike.
 */

/** Milliseconds since the epoch with microsecond resolution, comparable across processes on this machine. */
function wallNow() {
  return performance.timeOrigin + performance.now();
}

/** The remark a change carries so that every screen can tell how long it took to arrive. */
function sendMarker(sentAt) {
  return `t=${sentAt.toFixed(3)}`;
}

const MARKER = '"t=';

class Screen {
  constructor(index, station) {
    this.index = index;
    this.station = station;
    /** Position after the snapshot, then of the latest change received. */
    this.snapshotSeq = -1;
    this.lastSeq = -1;
    /** Changes received after the snapshot; those out of order or repeated; heartbeats. */
    this.received = 0;
    this.gaps = 0;
    this.duplicates = 0;
    this.heartbeats = 0;
    this.bytes = 0;
    this.snapshots = 0;
    this.closed = false;
    this.request = null;
    this.buffer = '';
    this.onSnapshot = null;
    /** Hears the first frame of any type (the storm scenario's "live again"). */
    this.onFrame = null;
  }

  /** Takes one chunk of the body; `sink.change(screen, seq, sentAt, receivedAt)` hears every change. */
  feed(chunk, sink) {
    const at = wallNow();
    this.bytes += chunk.length;
    const text = this.buffer.length === 0 ? chunk.toString('latin1') : this.buffer + chunk.toString('latin1');
    let start = 0;
    let end;
    while ((end = text.indexOf('\n\n', start)) !== -1) {
      this.frame(text, start, end, at, sink);
      start = end + 2;
    }
    this.buffer = start === 0 ? text : text.slice(start);
  }

  frame(text, start, end, at, sink) {
    while (text.charCodeAt(start) === 10 && start < end) start++;
    if (start >= end) return;
    let type = '';
    if (text.startsWith('event: ', start)) type = text.slice(start + 7, text.indexOf('\n', start));
    if (this.onFrame) this.onFrame(type);
    // Its beacon key: not a change, and it repeats the position like a heartbeat.
    if (type === 'screen') return;
    if (type === 'heartbeat') {
      this.heartbeats++;
      return;
    }
    const idAt = text.indexOf('id: ', start);
    let seq = -1;
    if (idAt !== -1 && idAt < end) {
      const idEnd = text.indexOf('\n', idAt);
      seq = Number(text.slice(text.lastIndexOf('.', idEnd) + 1, idEnd));
    }
    if (type === 'snapshot') {
      this.snapshots++;
      this.snapshotSeq = this.lastSeq = seq;
      if (this.onSnapshot) this.onSnapshot();
      return;
    }
    if (seq <= this.lastSeq) this.duplicates++;
    else {
      if (seq !== this.lastSeq + 1) this.gaps++;
      this.lastSeq = seq;
      this.received++;
    }
    const marker = text.indexOf(MARKER, start);
    const sentAt = marker !== -1 && marker < end ? Number(text.slice(marker + 3, text.indexOf('"', marker + 3))) : NaN;
    sink.change(this, seq, sentAt, at);
  }

  /** Closes with a reset, so no TIME_WAIT is left behind on either side. */
  close() {
    const socket = this.request && this.request.socket;
    if (socket && !socket.destroyed) {
      if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
      else socket.destroy();
    }
    this.closed = true;
  }
}

/**
 * Opens `screen`'s stream, bound to `localAddress` (127.0.0.x), and resolves with `arrived()` when
 * the screen's `hook` first fires; rejects on a non-200, an error, or nothing within `timeoutMs`.
 */
function stream(screen, { port, path, localAddress, sink, timeoutMs, headers, hook, arrived, waitingFor }) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`no ${waitingFor} in time`)), timeoutMs);
    const fail = (error) => {
      screen.closed = true;
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    screen[hook] = () => {
      screen[hook] = null;
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(arrived());
    };
    const request = http.request({
      host: '127.0.0.1',
      port,
      path,
      localAddress,
      agent: false,
      headers: { accept: 'text/event-stream', 'user-agent': 'headway-bench-screen', ...headers },
    });
    screen.request = request;
    request.on('error', (error) => fail(error));
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return fail(new Error(`HTTP ${response.statusCode}`));
      }
      response.on('data', (chunk) => screen.feed(chunk, sink));
      response.on('error', () => {});
      response.on('close', () => fail(new Error('stream closed')));
    });
    request.end();
  });
}

/** Opens `screen`'s stream and resolves with the screen once its snapshot arrived. */
function openScreen(screen, options) {
  return stream(screen, { ...options, headers: {}, hook: 'onSnapshot', arrived: () => screen, waitingFor: 'snapshot' });
}

/**
 * Reopens a stream as a browser does after losing it: with `Last-Event-ID: lastEventId`. Resolves
 * at its first message of any kind (a resumed screen may get no snapshot, only what it missed),
 * with the time it arrived.
 */
function resumeScreen(screen, { lastEventId, ...options }) {
  return stream(screen, {
    ...options,
    headers: { 'last-event-id': lastEventId },
    hook: 'onFrame',
    arrived: () => Date.now(),
    waitingFor: 'message',
  });
}

module.exports = { Screen, openScreen, resumeScreen, wallNow, sendMarker };
