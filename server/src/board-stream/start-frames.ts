import type { MessageEvent } from '@nestjs/common';
import type { Board } from '#shared/board';
import { formatEventId, type SnapshotEvent } from '#shared/board-event';
import type { LoggedEvent } from '../board-core/event-log.repository';
import { type FramedMessage, frameBody, frameHead } from './sse-frames';
import type { SharedSnapshot, SharedStart } from './station-starts';

/** A logged change framed for replay: whole, and its body alone (for the first, behind a screen's own `retry`). */
interface ReplayedMessage extends FramedMessage {
  body: Buffer;
}

/** The changes after one position, built once for every screen resuming from it. */
export interface SharedReplay extends SharedStart {
  messages: ReplayedMessage[];
}

/** Serializes and frames a board once, for every screen that starts at its position. */
export function sharedSnapshot(board: Board, serverTime: string): SharedSnapshot {
  const data = JSON.stringify({ type: 'snapshot', board, serverTime } satisfies SnapshotEvent);
  return { seq: board.seq, id: formatEventId(board.epoch, board.seq), data, body: frameBody(data), builtAt: Date.now() };
}

/** Frames the logged changes up to `head` once, for every screen that resumes before them. */
export function sharedReplay(epoch: string, head: number, events: readonly LoggedEvent[]): SharedReplay {
  const messages = events.map((e): ReplayedMessage => {
    const id = formatEventId(epoch, e.seq);
    const body = frameBody(e.json);
    return { type: e.type, id, data: e.json, body, frame: Buffer.concat([frameHead(e.type, id), body]) };
  });
  return { seq: head, builtAt: Date.now(), messages };
}

/** One screen's snapshot message: its own head (with its own `retry`) before the shared body. */
export function snapshotMessage(snapshot: SharedSnapshot, retry: number): FramedMessage {
  return {
    type: 'snapshot',
    id: snapshot.id,
    retry,
    data: snapshot.data,
    frame: [frameHead('snapshot', snapshot.id, retry), snapshot.body],
  };
}

/** One screen's replay: the shared messages, the first behind its own `retry`. */
export function replayMessages(replay: SharedReplay, retry: number): MessageEvent[] {
  const messages: MessageEvent[] = replay.messages.slice();
  const [first] = replay.messages;
  if (first) {
    const withRetry: FramedMessage = {
      type: first.type,
      id: first.id,
      data: first.data,
      retry,
      frame: [frameHead(String(first.type), String(first.id), retry), first.body],
    };
    messages[0] = withRetry;
  }
  return messages;
}
