import { SseStream } from '@nestjs/core/router/sse-stream';
import type { MessageEvent } from '@nestjs/common';

/** A stream message whose wire bytes were framed once, for every screen that gets it. */
export interface FramedMessage extends MessageEvent {
  data: string;
  /** `event:`, `id:` and `data:` lines exactly as Nest would write them, as one Buffer. */
  frame: Buffer;
}

/** Frames a change once: the same bytes Nest's `SseStream` would build for each screen anew. */
export function frameOf(type: string, id: string, data: string): Buffer {
  return Buffer.from(`event: ${type}\nid: ${id}\ndata: ${data}\n\n`);
}

let installed = false;

/**
 * Nest's `@Sse` frames every message for every screen: a string built and encoded per write.
 * With 10,000 screens on a board that is most of the cost of an event. This lets a message that
 * carries its own `frame` skip it: the Observable design stays, every screen's stream still goes
 * through Nest (backpressure, disconnects, `maxPendingDataLength`), and one event is framed once.
 * Tested against Nest's own framing (test/unit/sse-frames.spec.ts), so an upgrade that changes
 * `SseStream` fails a test instead of the boards.
 */
export function installFramedMessages(): void {
  if (installed) return;
  installed = true;
  const proto = SseStream.prototype as unknown as {
    _transform(message: MessageEvent & { frame?: Buffer }, encoding: string, callback: () => void): void;
    commitHeaders(): void;
    push(chunk: Buffer): boolean;
  };
  const nestTransform = proto._transform;
  proto._transform = function transform(message, encoding, callback) {
    if (!message.frame) return nestTransform.call(this, message, encoding, callback);
    this.commitHeaders();
    this.push(message.frame);
    callback();
  };
}
