'use strict';
/**
 * The floor inside Headway's shape: bench/floor-server.js's state, writes and URLs, but the stream
 * is what the project's design card fixes, a NestJS 11 `@Sse` handler (on Express, with the
 * project's patch of Nest's SSE write path, and Headway's adapter that gives requests and responses
 * shared hidden classes) returning an Observable per screen, fed by one set of subscribers per
 * station with messages framed once. Nothing else: no guard, pipe, interceptor, logger or helmet. What this costs over the floor is what the shape costs; what Headway costs over
 * this is what Headway adds inside it.
 *
 * Environment: as bench/floor-server.js.
 */
require('reflect-metadata');
const { Controller, Module, Param, Sse } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { Observable } = require('rxjs');
const { handle, stations, snapshotFrame, EPOCH, PORT, HOST } = require('./floor-server');
const { SharedShapeExpressAdapter } = require('../dist/server/src/common/shared-shape-adapter');

class StreamController {
  events(stationId) {
    const station = stations.get(stationId);
    return new Observable((subscriber) => {
      if (!station) {
        subscriber.complete();
        return undefined;
      }
      // Framed once per station position by the floor; `data` only counts towards Nest's backlog limit.
      subscriber.next({ type: 'snapshot', id: `${EPOCH}.${station.seq}`, retry: 3000, data: '', frame: snapshotFrame(station) });
      (station.subscribers ??= new Set()).add(subscriber);
      return () => station.subscribers.delete(subscriber);
    });
  }
}
// Decorators applied as TypeScript would: this file runs without a compiler.
Param('stationId')(StreamController.prototype, 'events', 0);
Reflect.decorate(
  [Sse('stations/:stationId/board/events')],
  StreamController.prototype,
  'events',
  Object.getOwnPropertyDescriptor(StreamController.prototype, 'events'),
);
Reflect.decorate([Controller('api')], StreamController);

class FloorModule {}
Reflect.decorate([Module({ controllers: [StreamController] })], FloorModule);

(async () => {
  const app = await NestFactory.create(FloorModule, new SharedShapeExpressAdapter(), {
    logger: ['error', 'warn'],
    forceCloseConnections: true,
  });
  // Every other URL is the floor's own handler, before Nest's router.
  app.use((req, res, next) => (req.method === 'GET' && req.url.split('?')[0].endsWith('/board/events') ? next() : handle(req, res)));
  const server = app.getHttpServer();
  server.keepAliveTimeout = 5_000;
  // The same accept queue as Headway's (LISTEN_BACKLOG's default); Nest passes it on to Node's server.listen.
  await app.listen(PORT, HOST, 4096);
  process.stdout.write(`Nest floor server on http://${HOST}:${PORT}\n`);
})();
