import { departureBody } from '../support/factories';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

describe('metrics, request ids and health (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t, 'bern', 'Bern');
  });
  afterEach(() => t.close());

  const scrape = async () => (await (await fetch(`${t.baseUrl}/metrics`)).text()) as string;
  const value = (text: string, series: string) =>
    Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

  it('counts screens per station, events sent to them, delivery lag and store latency', async () => {
    const screens = await Promise.all([1, 2, 3].map(async () => new SseReader(await fetch(`${t.baseUrl}/api/stations/bern/board/events`))));
    for (const s of screens) await s.next();
    let text = await scrape();
    expect(value(text, 'headway_screens{station="bern"}')).toBe(3);
    expect(value(text, 'headway_events_sent_total')).toBe(0);

    await t.request('/api/stations/bern/departures/ic1', { method: 'PUT', auth: true, json: departureBody() });
    for (const s of screens) await s.next();
    text = await scrape();
    // One event, three screens: three deliveries, one lag observation.
    expect(value(text, 'headway_events_sent_total')).toBe(3);
    expect(value(text, 'headway_delivery_lag_seconds_count')).toBe(1);
    expect(value(text, 'headway_store_seconds_count{op="append"}')).toBeGreaterThanOrEqual(1);
    // Three screens connecting at the same position share one snapshot load.
    expect(value(text, 'headway_store_seconds_count{op="snapshot"}')).toBe(1);
    expect(text).toMatch(/^headway_process_resident_memory_bytes \d+/m);
    for (const s of screens) await s.close();
  });

  it('gives every request an id, keeping a sane one the caller sent', async () => {
    const own = await t.request('/api/stations', { headers: { 'x-request-id': 'lb-1234' } });
    expect(own.headers.get('x-request-id')).toBe('lb-1234');
    const fresh = await t.request('/api/stations', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the store and the fan-out in its health', async () => {
    expect(await (await t.request('/api/health')).json()).toMatchObject({ status: 'ok', store: 'ok', fanOut: 'in-process' });
  });
});
