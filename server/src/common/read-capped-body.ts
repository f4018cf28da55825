import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Bodies up to this size are read freely; a larger one (declared or streamed) needs one of `BODY_READS_AT_ONCE` slots. */
export const LARGE_BODY_BYTES = 64 * 1024;

export type ContentCoding = 'identity' | 'gzip' | 'deflate' | 'br';

/** Why a body could not be read; the caller turns it into the API's error shape. */
export class BodyReadError extends Error {
  constructor(
    readonly reason: 'too_large' | 'bad_coding' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

/** The body's declared `Content-Encoding`, or `null` for one we do not inflate (refused with 415). */
export function contentCoding(req: IncomingMessage): ContentCoding | null {
  const value = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (value === 'identity' || value === '') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate' || value === 'br') return value;
  return null;
}

/** The declared `Content-Length`, or `null` when the body is streamed (chunked) without one. */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Whether the request carries a body at all. */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (declaredLength(req) ?? 0) > 0;
}

/**
 * Reads a body whole, inflating it as it streams in: the `limit` applies to the inflated bytes (and to
 * the bytes on the wire), so a zip bomb is stopped after `limit` bytes rather than after inflating.
 * `onLarge` runs once, when the body passes `LARGE_BODY_BYTES`, and may throw to refuse it. On any
 * failure the rest of the body is discarded as it arrives, so the answer can still be sent.
 */
export function readCappedBody(req: IncomingMessage, coding: ContentCoding, limit: number, onLarge: () => void): Promise<Buffer> {
  const inflater = inflaterFor(coding);
  const source = inflater ?? req;
  const chunks: Buffer[] = [];
  let size = 0;
  let wire = 0;
  let large = false;
  let settled = false;
  return new Promise<Buffer>((resolve, reject) => {
    const stop = (): void => {
      source.removeListener('data', onData);
      source.removeListener('end', onEnd);
      req.removeListener('data', onWire);
      req.removeListener('close', onClose);
      req.removeListener('error', onAbort);
      if (inflater) {
        inflater.removeListener('error', onSourceError);
        req.unpipe(inflater);
        inflater.on('error', () => undefined);
        inflater.destroy();
      }
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stop();
      // Discard what is still coming, so the connection can carry the answer (and the next request).
      req.resume();
      reject(error);
    };
    const tooLarge = () => new BodyReadError('too_large', `larger than ${limit} bytes`);
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge());
      if (!large && size > LARGE_BODY_BYTES) {
        large = true;
        try {
          onLarge();
        } catch (error) {
          return fail(error);
        }
      }
      chunks.push(chunk);
    };
    const onWire = (chunk: Buffer): void => {
      wire += chunk.length;
      if (wire > limit) fail(tooLarge());
    };
    const onEnd = (): void => {
      if (settled) return;
      settled = true;
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onAbort = (): void => fail(new BodyReadError('aborted', 'the client went away before the body was complete'));
    // From the inflater: the bytes are not what Content-Encoding declared.
    const onSourceError = (error: Error): void => fail(new BodyReadError('bad_coding', error.message));
    const onClose = (): void => {
      if (!req.complete) onAbort();
    };
    source.on('data', onData);
    source.once('end', onEnd);
    if (inflater) inflater.on('error', onSourceError);
    req.on('error', onAbort);
    req.once('close', onClose);
    if (inflater) {
      req.on('data', onWire);
      req.pipe(inflater);
    }
  });
}

function inflaterFor(coding: ContentCoding): Transform | null {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  return null;
}
