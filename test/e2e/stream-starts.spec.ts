import type { SnapshotEvent } from '#shared/board-event';
import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

/** Screens connecting together share one snapshot build, and still each get a board with no gap. */
describe('shared snapshots (e2e)', () => {
  let t: TestApp;
  const readers: SseReader[] = [];

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
    await t.close();
  });

  async function open(lastEventId?: string): Promise<SseReader> {
    const headers: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {};
    const reader = new SseReader(await fetch(`${t.baseUrl}/api/stations/zurich-hb/board/events`, { headers }));
    readers.push(reader);
    return reader;
  }
  const built = async (op: 'snapshot' | 'replay'): Promise<number> => {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    return Number(new RegExp(`^headway_store_seconds_count\\{op="${op}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  };
  const patch = async (platform: string): Promise<void> => {
    const res = await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json: { platform } });
    expect(res.status).toBe(200);
  };

  it("loads and serializes a station's snapshot once for screens that connect at the same position", async () => {
    const screens = await Promise.all(Array.from({ length: 20 }, () => open()));
    const firsts = await Promise.all(screens.map((s) => s.nextEvent<SnapshotEvent>()));
    expect(firsts.every((f) => f.event === 'snapshot' && f.id === firsts[0].id)).toBe(true);
    expect(new Set(firsts.map((f) => JSON.stringify(f.data))).size).toBe(1);
    expect(await built('snapshot')).toBe(1);
  });

  it('gives each screen its own reconnect jitter on the shared snapshot', async () => {
    const screens = await Promise.all(Array.from({ length: 20 }, () => open()));
    const retries = new Set((await Promise.all(screens.map((s) => s.nextEvent()))).map((f) => f.retry));
    expect(retries.size).toBeGreaterThan(1);
  });

  it('sends a screen that connects after a change a snapshot that contains it', async () => {
    const first = await open();
    await first.nextEvent();
    await patch('7');
    const change = await first.nextEvent();
    const late = await (await open()).nextEvent<SnapshotEvent>();
    expect(late.id).toBe(change.id);
    expect(late.data.board.departures[0].platform).toBe('7');
    expect(await built('snapshot')).toBe(2);
  });

  it('reads and frames a replay once for screens that resume from the same position, each getting exactly what it missed', async () => {
    const first = await open();
    const position = (await first.nextEvent()).id!;
    await patch('5');
    await patch('6');
    const missed = [await first.nextEvent(), await first.nextEvent()].map((f) => f.id);
    const screens = await Promise.all(Array.from({ length: 20 }, () => open(position)));
    for (const screen of screens) {
      const got = [await screen.nextEvent(), await screen.nextEvent()];
      expect(got.map((f) => f.id)).toEqual(missed);
      expect(got.map((f) => f.event)).toEqual(['departure-set', 'departure-set']);
      expect(got[0].retry).toBeGreaterThanOrEqual(1000);
    }
    expect(await built('replay')).toBe(1);
    // Live changes follow the replay, once each.
    await patch('8');
    const [epoch, seq] = missed[1]!.split('.');
    for (const screen of screens) expect((await screen.nextEvent()).id).toBe(`${epoch}.${Number(seq) + 1}`);
  });
});
