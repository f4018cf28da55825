import type { MessageEvent } from '@nestjs/common';

/**
 * A stream message whose wire bytes were framed once, for every screen that gets it. Nest's
 * `SseStream` writes `frame` as it is instead of framing the message anew for each screen: see
 * `patches/@nestjs+core+11.2.10.patch`, tested against Nest's own framing in
 * test/unit/sse-frames.spec.ts, so an upgrade that drops the patch fails a test, not the boards.
 */
export interface FramedMessage extends MessageEvent {
  /** Still set: Nest counts its length towards a screen's backlog limit (`maxPendingDataLength`). */
  data: string;
  /** The whole event, or its pieces in order (a screen's own head before a body shared by all). */
  frame: Buffer | readonly Buffer[];
}

/** The lines before `data:`, exactly as Nest writes them. */
export function frameHead(type: string, id: string, retry?: number): Buffer {
  return Buffer.from(`event: ${type}\nid: ${id}\n${retry === undefined ? '' : `retry: ${retry}\n`}`);
}

/** The `data:` line and the blank line that ends the event. `data` is JSON: it has no line breaks. */
export function frameBody(data: string): Buffer {
  return Buffer.from(`data: ${data}\n\n`);
}

/** Frames a change once: the same bytes Nest's `SseStream` would build for each screen anew. */
export function frameOf(type: string, id: string, data: string): Buffer {
  return Buffer.from(`event: ${type}\nid: ${id}\ndata: ${data}\n\n`);
}
