/** One frame of an event stream as it came over the wire. */
export interface SseFrame {
  event?: string;
  id?: string;
  retry?: number;
  data?: string;
  comments: string[];
  raw: string;
}

/**
 * Reads a live `text/event-stream` response chunk by chunk, the way a screen receives it, and
 * hands out whole frames. Deliberately independent of the server's code.
 */
export class SseReader {
  private buffer = '';
  private readonly frames: SseFrame[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  /** A read outlives a timed-out `next()`, so the chunk it brings is not lost to the next call. */
  private pendingRead: ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> | null = null;

  constructor(readonly response: Response) {
    if (!response.body) throw new Error('response has no body');
    this.reader = response.body.getReader();
  }

  /** The next frame, or an error after `timeoutMs`. Comments and heartbeats are skipped unless asked for. */
  async next(timeoutMs = 5000, { heartbeats = false } = {}): Promise<SseFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame && frame.data !== undefined && (heartbeats || frame.event !== 'heartbeat')) return frame;
      if (frame) continue;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no SSE frame within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        (this.pendingRead ??= this.reader.read()),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no SSE frame within ${timeoutMs} ms`)), remaining);
        }),
      ]).finally(() => clearTimeout(timer));
      this.pendingRead = null;
      if (chunk.done) throw new Error('stream ended');
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      this.split();
    }
  }

  /** The next frame parsed as JSON data, with its SSE fields. */
  async nextEvent<T = unknown>(
    timeoutMs?: number,
    options?: { heartbeats?: boolean },
  ): Promise<{ event?: string; id?: string; retry?: number; data: T }> {
    const frame = await this.next(timeoutMs, options);
    return { event: frame.event, id: frame.id, retry: frame.retry, data: JSON.parse(frame.data ?? 'null') as T };
  }

  /** Resolves `true` if no data frame arrives within `ms`. */
  async silentFor(ms: number): Promise<boolean> {
    try {
      await this.next(ms);
      return false;
    } catch {
      return true;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }

  private split(): void {
    for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
      const raw = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (raw.trim() === '') continue;
      const frame: SseFrame = { comments: [], raw };
      for (const line of raw.split('\n')) {
        if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') frame.event = value;
        if (field === 'id') frame.id = value;
        if (field === 'retry') frame.retry = Number(value);
        if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
      }
      this.frames.push(frame);
    }
  }
}
