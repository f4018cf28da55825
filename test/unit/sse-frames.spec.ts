import { readFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { SseStream } from '@nestjs/core/router/sse-stream';
import { RouterResponseController } from '@nestjs/core/router/router-response-controller';
import { Observable, Subject } from 'rxjs';
import { frameBody, frameHead, frameOf } from '../../server/src/board-stream/sse-frames';

/** What a Nest `SseStream` writes for these messages, as one string. */
async function written(messages: object[]): Promise<string> {
  const stream = new SseStream();
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer | string) => (text += chunk.toString()));
  stream.pipe(out);
  for (const message of messages) await new Promise<void>((resolve) => stream.writeMessage(message as never, () => resolve()));
  stream.end();
  await new Promise((resolve) => out.on('end', resolve));
  return text;
}

describe('SSE frames (patches/@nestjs+core+11.2.10.patch)', () => {
  const data = JSON.stringify({ type: 'departure-set', seq: 7, departure: { id: 'ic1', remarks: ['Ä ✓'] } });

  it('is installed for the @nestjs/core version the project pins', () => {
    const pinned = (JSON.parse(readFileSync(require.resolve('@nestjs/core/package.json'), 'utf8')) as { version: string }).version;
    expect(pinned).toBe('11.2.10');
    expect(readFileSync(require.resolve('@nestjs/core/router/sse-stream.js'), 'utf8')).toContain('patches/@nestjs+core+11.2.10.patch');
  });

  it('writes a pre-framed message byte for byte as Nest frames it itself', async () => {
    const nest = await written([{ type: 'departure-set', id: 'e1.7', data }]);
    const framed = await written([{ type: 'departure-set', id: 'e1.7', data, frame: frameOf('departure-set', 'e1.7', data) }]);
    expect(framed).toBe(nest);
  });

  it("writes a frame in pieces (a screen's own head, a shared body) as Nest frames the whole message", async () => {
    const nest = await written([{ type: 'snapshot', id: 'e1.7', retry: 2345, data }]);
    const framed = await written([
      { type: 'snapshot', id: 'e1.7', retry: 2345, data, frame: [frameHead('snapshot', 'e1.7', 2345), frameBody(data)] },
    ]);
    expect(framed).toBe(nest);
  });

  it('writes the frame, not the data: the frame is what was built once for everyone', async () => {
    expect(await written([{ type: 'x', id: 'e1.1', data: 'ignored', frame: frameOf('x', 'e1.1', '"sent"') }])).toBe(
      '\nevent: x\nid: e1.1\ndata: "sent"\n\n',
    );
  });

  it('leaves messages without a frame (heartbeats) to Nest', async () => {
    expect(await written([{ type: 'heartbeat', id: 'e1.7', data: '{"type":"heartbeat"}' }])).toBe(
      '\nevent: heartbeat\nid: e1.7\ndata: {"type":"heartbeat"}\n\n',
    );
  });

  describe('open streams', () => {
    let server: Server;
    let port: number;
    const controller = new RouterResponseController({} as never);
    /** What the next stream opened carries; by default nothing, ever. */
    let producer: () => Observable<object> = () => new Observable(() => undefined);
    /** The `@Sse()` options of the next stream opened. */
    let streamOptions: { maxPendingDataLength?: number } | undefined;

    beforeAll(async () => {
      server = createServer((req, res) => void controller.sse(producer(), res as never, req as never, streamOptions));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    });

    it('share one paused-socket probe timer however many are open, and stop it when the last closes', async () => {
      const started = jest.spyOn(global, 'setInterval');
      const stopped = jest.spyOn(global, 'clearInterval');
      const open = await Promise.all(
        Array.from(
          { length: 20 },
          () =>
            new Promise<ReturnType<typeof get>>((resolve) => {
              const request = get({ port, host: '127.0.0.1', path: '/' }, (res) => res.once('data', () => resolve(request)));
            }),
        ),
      );
      expect(started).toHaveBeenCalledTimes(1);
      const [timer] = started.mock.results.map((result) => result.value as NodeJS.Timeout);
      open.forEach((request) => request.destroy());
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stopped).toHaveBeenCalledWith(timer);
      expect(started).toHaveBeenCalledTimes(1);
      started.mockRestore();
      stopped.mockRestore();
    });

    it('writes every event in order, whether the client keeps up or backs the stream up', async () => {
      const events = new Subject<object>();
      producer = () => events;
      const filler = 'x'.repeat(2_000);
      let text = '';
      const done = new Promise<void>((resolve) => {
        const request = get({ port, host: '127.0.0.1', path: '/' }, (res) => {
          res.setEncoding('utf8');
          // Not read at first, so the server's buffers fill and the later events wait for "drain".
          res.pause();
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.endsWith('id: 1499\ndata: 1499\n\n') || text.endsWith(`id: 1499\ndata: ${filler}\n\n`)) {
              request.destroy();
              resolve();
            }
          });
          res.once('readable', () => {
            for (let i = 0; i < 1_500; i++)
              events.next({
                type: 'n',
                id: String(i),
                data: i % 2 ? filler : String(i),
                ...(i % 3 ? { frame: frameOf('n', String(i), i % 2 ? filler : String(i)) } : {}),
              });
            setTimeout(() => res.resume(), 200);
          });
        });
      });
      await done;
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(ids).toEqual(Array.from({ length: 1_500 }, (_, i) => i));
      producer = () => new Observable(() => undefined);
    });

    it('delivers a burst larger than the backlog limit, given in one go, whole and in order to a client that reads', async () => {
      const events = new Subject<object>();
      producer = () => events;
      streamOptions = { maxPendingDataLength: 64 * 1024 };
      const body = 'y'.repeat(1_000);
      let text = '';
      const closedEarly = await new Promise<boolean>((resolve) => {
        const request = get({ port, host: '127.0.0.1', path: '/' }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.endsWith(`id: 399\ndata: ${body}\n\n`)) {
              request.destroy();
              resolve(false);
            }
          });
          res.on('close', () => resolve(true));
          // 400 KB in one synchronous run (a batch for one station): the stream backs up within it.
          res.once('readable', () => {
            for (let i = 0; i < 400; i++) events.next({ type: 'n', id: String(i), data: body, frame: frameOf('n', String(i), body) });
          });
        });
      });
      expect(closedEarly).toBe(false);
      expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 400 }, (_, i) => i));
      producer = () => new Observable(() => undefined);
      streamOptions = undefined;
    });

    it('cuts off a client that stopped reading once more than the limit waits for it', async () => {
      const events = new Subject<object>();
      let sent = 0;
      let stopped = false;
      producer = () =>
        new Observable<object>((subscriber) => {
          const inner = events.subscribe(subscriber);
          return () => {
            stopped = true;
            inner.unsubscribe();
          };
        });
      streamOptions = { maxPendingDataLength: 256 * 1024 };
      const body = 'z'.repeat(8_000);
      const request = get({ port, host: '127.0.0.1', path: '/' }, (res) => res.pause());
      request.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // One event a turn, as live changes come: far more than the socket buffers hold.
      while (!stopped && sent < 20_000) {
        events.next({ type: 'n', id: String(sent), data: body, frame: frameOf('n', String(sent), body) });
        sent++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(stopped).toBe(true);
      expect(sent).toBeLessThan(20_000);
      request.destroy();
      producer = () => new Observable(() => undefined);
      streamOptions = undefined;
    });
  });
});
