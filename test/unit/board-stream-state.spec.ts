import type { Board } from '#shared/board';
import type * as BoardStreamModule from '../../web/src/lib/board-stream.svelte';
import type * as RuneObserver from '../support/rune-observer.svelte';
import { board, departure } from '../support/factories';
import { apiError, fakeApi } from '../support/fake-api';
import { FakeEventSource } from '../support/fake-event-source';

const STATION = 'zurich-hb';
const SERVER_TIME = '2026-11-23T09:00:00.000Z';

/** A screen's modules, fresh (the shared clock included), with the fake `EventSource` in place. */
function loadScreen() {
  let loaded!: { BoardStream: typeof BoardStreamModule.BoardStream; observe: typeof RuneObserver.observe };
  jest.isolateModules(() => {
    loaded = {
      BoardStream: jest.requireActual<typeof BoardStreamModule>('../../web/src/lib/board-stream.svelte').BoardStream,
      observe: jest.requireActual<typeof RuneObserver>('../support/rune-observer.svelte').observe,
    };
  });
  return loaded;
}

/** A stream whose connection is open, because a screen is showing it, until `stop`. */
function showing(options: BoardStreamModule.BoardStreamOptions = {}) {
  const { BoardStream, observe } = loadScreen();
  const stream = new BoardStream(STATION, { nextFrame: (show) => show(), ...options });
  const shown = observe(() => ({ board: stream.board, connected: stream.connected, serverStale: stream.serverStale }));
  return { stream, shown, source: FakeEventSource.latest() };
}

const snapshot = (shown: Board) => ({ type: 'snapshot', board: shown, serverTime: SERVER_TIME });
const heartbeat = (overrides: Record<string, unknown> = {}) => ({
  type: 'heartbeat',
  serverTime: SERVER_TIME,
  version: '1.0.0',
  intervalMs: 15_000,
  ...overrides,
});

describe('BoardStream', () => {
  let api: ReturnType<typeof fakeApi> | undefined;
  let stop: (() => void) | undefined;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'], now: new Date(SERVER_TIME) });
    FakeEventSource.reset();
    Object.assign(globalThis, { EventSource: FakeEventSource, location: { reload: jest.fn() } });
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    api?.restore();
    api = undefined;
    Reflect.deleteProperty(globalThis, 'EventSource');
    Reflect.deleteProperty(globalThis, 'location');
    jest.useRealTimers();
  });

  it('opens the station’s stream only while a screen shows it, and closes it after', () => {
    const { BoardStream, observe } = loadScreen();
    const stream = new BoardStream(STATION, { nextFrame: (show) => show() });
    expect(FakeEventSource.opened).toHaveLength(0);

    const shown = observe(() => stream.board);

    expect(FakeEventSource.opened.map((s) => s.url)).toEqual([`/api/stations/${STATION}/board/events`]);
    shown.stop();
    expect(FakeEventSource.latest().readyState).toBe(FakeEventSource.CLOSED);
  });

  it('shows the snapshot, then applies a change on top of it', () => {
    const { stream, shown, source } = showing();
    stop = shown.stop;
    const onTime = departure({ id: 'd1' });

    source.emit('snapshot', snapshot(board({ seq: 10, departures: [onTime] })));
    expect(shown.current.board?.departures).toEqual([onTime]);
    source.emit('departure-set', { type: 'departure-set', seq: 11, departure: { ...onTime, status: 'delayed', version: 2 } });

    expect(shown.current.connected).toBe('live');
    expect(shown.values.map((v) => v.board?.departures.map((d) => d.status))).toEqual([undefined, ['on-time'], ['delayed']]);
    expect(stream.board?.seq).toBe(11);
    expect(stream.lastMessageAt).toEqual(new Date(SERVER_TIME));
  });

  it('shows a burst of changes at the next frame, all of them, in one render', async () => {
    const frames: Array<() => void> = [];
    const { stream, shown, source } = showing({ nextFrame: (show) => frames.push(show) });
    stop = shown.stop;
    const rows = [departure({ id: 'd1' }), departure({ id: 'd2' })];
    source.emit('snapshot', snapshot(board({ seq: 10, departures: rows })));
    frames.shift()!();
    expect(shown.current.board?.seq).toBe(10);

    source.emit('departure-set', { type: 'departure-set', seq: 11, departure: { ...rows[0], platform: '7', version: 2 } });
    source.emit('departure-set', { type: 'departure-set', seq: 12, departure: { ...rows[1], status: 'cancelled', version: 2 } });
    source.emit('departure-set', { type: 'departure-set', seq: 13, departure: { ...rows[0], platform: '8', version: 3 } });
    // Nothing re-renders between frames, and one frame is asked for however many changes came.
    expect(shown.current.board?.seq).toBe(10);
    expect(frames).toHaveLength(1);
    frames.shift()!();

    expect(stream.board?.seq).toBe(13);
    expect(stream.board?.departures.map((d) => [d.platform, d.status])).toEqual([
      ['8', rows[0].status],
      [rows[1].platform, 'cancelled'],
    ]);
    expect(shown.values.map((v) => v.board?.seq)).toEqual([undefined, 10, 13]);
    // A reconnect resumes from the last change received, not from the last one shown.
    source.emit('departure-set', { type: 'departure-set', seq: 14, departure: { ...rows[1], version: 3 } });
    source.fail({ refused: true });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.latest().query.get('lastEventId')).toBe(`${board().epoch}.14`);
  });

  it('ignores a malformed message rather than blanking the board', () => {
    const { stream, shown, source } = showing();
    stop = shown.stop;
    source.emit('snapshot', snapshot(board({ departures: [departure({ id: 'd1' })] })));

    source.emit('departure-set', '{"type":"departure-set","seq":11}');
    source.emit('departure-set', 'not json');

    expect(stream.board?.departures.map((d) => d.id)).toEqual(['d1']);
    expect(stream.board?.seq).toBe(10);
  });

  it('is connecting until the first message, down after an error, and live again when messages return', () => {
    const { shown, source } = showing();
    stop = shown.stop;

    // Each read is a frame the screen draws between two messages.
    source.emit('snapshot', snapshot(board()));
    expect(shown.current.connected).toBe('live');
    source.fail();
    expect(shown.current.connected).toBe('down');
    source.emit('snapshot', snapshot(board()));

    expect(shown.values.map((v) => v.connected)).toEqual(['connecting', 'live', 'down', 'live']);
  });

  it('keeps the last board on screen while the stream is down', () => {
    const { stream, shown, source } = showing();
    stop = shown.stop;
    source.emit('snapshot', snapshot(board({ departures: [departure({ id: 'd1' })] })));

    source.fail();

    expect(shown.current.connected).toBe('down');
    expect(stream.board?.departures.map((d) => d.id)).toEqual(['d1']);
  });

  it('after a refusal, reopens the stream from where the board was, and checks the station still exists', async () => {
    api = fakeApi({ [`GET /api/stations/${STATION}`]: () => ({ status: 200, body: board().station }) });
    const { stream, shown, source } = showing();
    stop = shown.stop;
    source.emit('snapshot', snapshot(board({ epoch: 'e7', seq: 42 })));

    source.fail({ refused: true });
    await jest.advanceTimersByTimeAsync(1_000);

    expect(FakeEventSource.opened).toHaveLength(2);
    expect(FakeEventSource.latest().query.get('lastEventId')).toBe('e7.42');
    expect(api.sent.map((r) => r.route)).toEqual([`GET /api/stations/${STATION}`]);
    expect(stream.unknownStation).toBe(false);
  });

  it('says the station does not exist when the stream is refused and the API knows no such station', async () => {
    api = fakeApi({ [`GET /api/stations/${STATION}`]: () => apiError(404, 'not_found') });
    const { stream, shown, source } = showing();
    stop = shown.stop;

    source.fail({ refused: true });
    await jest.advanceTimersByTimeAsync(0);

    expect(stream.unknownStation).toBe(true);
    expect(stream.board).toBeNull();
  });

  it('reconnects when the heartbeats stop, from the position it had', () => {
    const { shown, source } = showing();
    stop = shown.stop;
    source.emit('snapshot', snapshot(board({ epoch: 'e1', seq: 10 })));
    source.emit('heartbeat', heartbeat({ intervalMs: 15_000 }));

    jest.advanceTimersByTime(2 * 15_000 + 5_000);

    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    expect(shown.current.connected).toBe('down');
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(FakeEventSource.latest().query.get('lastEventId')).toBe('e1.10');
  });

  it('warns that times may be out of date while the server cannot reach its database', () => {
    const { shown, source } = showing();
    stop = shown.stop;
    source.emit('snapshot', snapshot(board()));

    source.emit('heartbeat', heartbeat({ storeUnavailable: true }));
    expect(shown.current.serverStale).toBe(true);
    source.emit('heartbeat', heartbeat());

    expect(shown.values.map((v) => v.serverStale)).toEqual([false, true, false]);
  });

  it('marks a row whose platform changed while the screen watched', () => {
    const { stream, shown, source } = showing();
    stop = shown.stop;
    const row = departure({ id: 'd1', platform: '33', scheduledPlatform: '33' });
    source.emit('snapshot', snapshot(board({ departures: [row] })));

    source.emit('departure-set', { type: 'departure-set', seq: 11, departure: { ...row, platform: '41', version: 2 } });

    expect([...stream.platformChanges.keys()]).toEqual(['d1']);
  });

  it('reloads the page when the server is upgraded, if it was asked to', () => {
    const { shown, source } = showing({ reloadOnUpgrade: true });
    stop = shown.stop;
    source.emit('snapshot', snapshot(board()));

    source.emit('heartbeat', heartbeat({ version: '1.0.0' }));
    source.emit('heartbeat', heartbeat({ version: '1.0.0' }));
    expect(location.reload).not.toHaveBeenCalled();
    source.emit('heartbeat', heartbeat({ version: '1.1.0' }));

    expect(location.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload the console’s preview on an upgrade', () => {
    const { shown, source } = showing();
    stop = shown.stop;

    source.emit('heartbeat', heartbeat({ version: '1.0.0' }));
    source.emit('heartbeat', heartbeat({ version: '1.1.0' }));

    expect(location.reload).not.toHaveBeenCalled();
  });
});
