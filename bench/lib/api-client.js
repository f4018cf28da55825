'use strict';
const http = require('node:http');

/**
 * The writes the bench sends (the same URLs and bodies for Headway and the floor), over a small
 * pool of kept-alive connections, as a feed system or an operator console would.
 */
class ApiClient {
  constructor({ port, token, maxSockets = 8 }) {
    this.port = port;
    this.token = token;
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Resolves `{ status, body }` (parsed JSON when there is a body); rejects only on a network error. */
  request(method, path, body) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // kept as text, for the error message
          }
          resolve({ status: response.statusCode, body: parsed, headers: response.headers });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Like `request`, but anything other than the expected status is an error. */
  async expect(status, method, path, body) {
    const response = await this.request(method, path, body);
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    return response.body;
  }

  /**
   * Like `expect`, but a 503 (Headway refusing writes while it is behind) is retried after its
   * Retry-After (at most 2 s), as a feed would; for setup writes, which must land whatever the load.
   * `onRefused()` hears each refusal.
   */
  async expectRetrying(status, method, path, body, { tries = 30, onRefused } = {}) {
    for (let attempt = 1; ; attempt++) {
      const response = await this.request(method, path, body);
      if (response.status === 503 && attempt < tries) {
        if (onRefused) onRefused();
        const seconds = Number(response.headers['retry-after']);
        await new Promise((resolve) =>
          setTimeout(resolve, Number.isFinite(seconds) && seconds > 0 ? Math.min(2_000, seconds * 1000) : 500),
        );
        continue;
      }
      if (response.status !== status) {
        throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
      }
      return response.body;
    }
  }

  close() {
    this.agent.destroy();
  }
}

module.exports = { ApiClient };
