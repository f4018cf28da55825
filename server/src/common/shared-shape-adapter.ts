import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/**
 * Nest's Express adapter, with requests and responses created with Express's own prototypes.
 *
 * Express swaps the prototype of every request and response it handles (`Object.setPrototypeOf`);
 * V8 then gives each swapped object a hidden class of its own. With 10,000 open streams, every
 * property access in Node's http code on a response is megamorphic: in a broadcast profile,
 * `OutgoingMessage.write_` took 11× the plain-Node floor's time for the same writes, and each
 * stream held its own maps (~2 KB). Objects made by a constructor whose prototype already is
 * Express's share their hidden classes, and Express's swap is then a no-op (V8 returns early
 * when the prototype is unchanged).
 */
export class SharedShapeExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: { httpsOptions?: object; forceCloseConnections?: boolean }): void {
    const app = this.getInstance<Express>();
    const classes = { IncomingMessage: requestClass(app), ServerResponse: responseClass(app) };
    const server = options.httpsOptions ? createHttpsServer({ ...options.httpsOptions, ...classes }, app) : createServer(classes, app);
    this.setHttpServer(server);
    // As Nest's own initHttpServer does (the method is private in its typings, not at run time).
    if (options.forceCloseConnections) (this as unknown as { trackOpenConnections(): void }).trackOpenConnections();
  }
}

function requestClass(app: Express): typeof IncomingMessage {
  function Request(this: IncomingMessage, socket: Socket) {
    IncomingMessage.call(this, socket);
  }
  Request.prototype = app.request;
  return Request as unknown as typeof IncomingMessage;
}

function responseClass(app: Express): typeof ServerResponse {
  function Response(this: ServerResponse, req: IncomingMessage, options?: object) {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void).call(this, req, options);
  }
  Response.prototype = app.response;
  return Response as unknown as typeof ServerResponse;
}
