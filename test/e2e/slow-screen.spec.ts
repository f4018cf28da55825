import { connect, type Socket } from 'node:net';
import type { DepartureSetEvent } from '#shared/board-event';
import { BoardBus } from '../../server/src/board-core/board-bus.service';
import { DeparturesService } from '../../server/src/departures/departures.service';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { systemWrite } from '../../server/src/board-core/write-context';

/** Changes made here are recorded as a test job's. */
const TEST_WRITE = systemWrite('test');
/** Far more than fill a stalled screen's socket buffers and backlog (a few MB at ~2.3 KB an event). */
const MAX_WRITES = 10_000;

describe('a screen that stops reading (e2e)', () => {
  let t: TestApp;
  let stalled: Socket;
  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
  });
  afterEach(async () => {
    stalled?.destroy();
    await t.close();
  });

  /** A raw HTTP client that sends the request, then never reads a byte. */
  function stalledScreen(): Promise<Socket> {
    const { port } = new URL(t.baseUrl);
    return new Promise((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET /api/stations/zurich-hb/board/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n');
        socket.pause();
        resolve(socket);
      });
    });
  }

  it('is cut off at its bounded backlog, and counted, while a healthy screen keeps getting every event', async () => {
    const bus = t.app.get(BoardBus);
    const departures = t.app.get(DeparturesService);
    const healthy = new SseReader(await fetch(`${t.baseUrl}/api/stations/zurich-hb/board/events`));
    await healthy.next();
    stalled = await stalledScreen();
    await waitFor(() => bus.screenCount() === 2, 5_000, 'both screens connected');

    // ~2.3 KB per event: the stalled screen's socket buffers and then its 1 MiB backlog fill up.
    const body = departureBody({
      via: Array.from({ length: 12 }, (_, i) => `Stop ${i} `.padEnd(80, '.')),
      remarks: Array.from({ length: 5 }, () => 'Delay due to a signal failure. '.padEnd(200, '.')),
    });
    // Bounded by count, not by time: a busy machine takes longer, not a different path.
    let writes = 0;
    while (bus.screenCount() > 1 && writes < MAX_WRITES) {
      const { departure } = await departures.put(TEST_WRITE, 'zurich-hb', `d${writes % 100}`, {
        ...body,
        remarks: [...body.remarks!.slice(1), `#${writes}`],
      });
      const received = await healthy.nextEvent<DepartureSetEvent>(10_000);
      expect(received.data.departure).toEqual(departure);
      writes++;
    }

    expect(bus.screenCount()).toBe(1);
    // Cut off once the kernel's socket buffers (a few MB on loopback) and its 1 MiB backlog were full, long before the
    // cap: what waits for a screen that stopped reading is bounded, and dropped with it.
    expect(writes).toBeGreaterThan(100);
    expect(writes).toBeLessThan(MAX_WRITES);
    // Operators see it in the metrics.
    expect(await (await fetch(`${t.baseUrl}/metrics`)).text()).toMatch(/^headway_screens_cut_off_total 1$/m);
    await healthy.close();
  }, 240_000);
});
