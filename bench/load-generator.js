'use strict';
/**
 * The load generator: a separate process (started by bench/run.js with an IPC channel) that plays
 * the screens and the writers of one scenario against one server over real sockets, reads the
 * server's CPU and memory from /proc/<pid>, and sends its measurements back.
 */
const { ApiClient } = require('./lib/api-client');
const SCENARIOS = {
  broadcast: require('./scenarios/broadcast').broadcast,
  network: require('./scenarios/network').network,
  memory: require('./scenarios/memory').memory,
  ingest: require('./scenarios/ingest').ingest,
  busy: require('./scenarios/busy').busy,
  storm: require('./scenarios/storm').storm,
  knee: require('./scenarios/knee').knee,
};

/** Asks bench/run.js (which owns the server process) to kill -9 and restart it; resolves `{ pid, at }`. */
function restart() {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (!message || !message.restarted) return;
      process.off('message', onMessage);
      if (message.restarted.error) reject(new Error(`restart failed: ${message.restarted.error}`));
      else resolve(message.restarted);
    };
    process.on('message', onMessage);
    process.send({ restart: true });
  });
}

process.once('message', async ({ scenario, target, port, pid, token, options }) => {
  const api = new ApiClient({ port, token });
  try {
    const result = await SCENARIOS[scenario]({ port, pid, api, options, restart, target });
    process.send({ ok: true, result }, () => process.exit(0));
  } catch (error) {
    process.send({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1));
  } finally {
    api.close();
  }
});
