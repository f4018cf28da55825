import { PassThrough } from 'node:stream';
import { SseStream } from '@nestjs/core/router/sse-stream';
import { frameOf, installFramedMessages } from '../../server/src/board-stream/sse-frames';

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

describe(installFramedMessages.name, () => {
  const data = JSON.stringify({ type: 'departure-set', seq: 7, departure: { id: 'ic1', remarks: ['Ä ✓'] } });

  it('writes a pre-framed message byte for byte as Nest frames it itself', async () => {
    const nest = await written([{ type: 'departure-set', id: 'e1.7', data }]);
    installFramedMessages();
    const framed = await written([{ type: 'departure-set', id: 'e1.7', data, frame: frameOf('departure-set', 'e1.7', data) }]);
    expect(framed).toBe(nest);
  });

  it('leaves messages without a frame (snapshots, heartbeats) to Nest', async () => {
    installFramedMessages();
    expect(await written([{ type: 'heartbeat', id: 'e1.7', data: '{"type":"heartbeat"}' }])).toBe('\nevent: heartbeat\nid: e1.7\ndata: {"type":"heartbeat"}\n\n');
  });
});
