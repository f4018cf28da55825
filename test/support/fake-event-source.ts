/**
 * An `EventSource` the test drives: it records every stream the web opens (newest last) and
 * delivers messages and errors when told, as the browser would. Assign it to
 * `globalThis.EventSource` for a test; Node has none.
 */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static readonly opened: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.OPEN;

  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.opened.push(this);
  }

  /** Forgets the streams of an earlier test. */
  static reset(): void {
    FakeEventSource.opened.length = 0;
  }

  /** The newest stream; the test fails if none was opened. */
  static latest(): FakeEventSource {
    const source = FakeEventSource.opened.at(-1);
    if (!source) throw new Error('no EventSource was opened');
    return source;
  }

  /** The stream's query, as the server would read it. */
  get query(): URLSearchParams {
    return new URL(this.url, 'https://screens.example').searchParams;
  }

  /** One SSE message: `event: <type>` with `data` (an object is sent as JSON, as the server does). */
  emit(type: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }

  /**
   * The stream fails. A network error leaves it reconnecting by itself; a refusal (an HTTP error
   * status) closes it for good, as browsers do.
   */
  fail({ refused = false } = {}): void {
    this.readyState = refused ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}
