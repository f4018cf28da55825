import type { Board, Station } from '#shared/board';
import type { Feed } from '#shared/feeds';
import { startTestApp, type TestApp } from '../support/test-app';
import { zipOfFixture } from '../support/zip-of';

describe('GTFS stops of one name close together (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CLOCK: '2026-12-01T06:00:00Z' });
    const res = await t.request('/api/feeds/bus/schedule?from=2026-12-01&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(await zipOfFixture('namesake-stops')),
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  it('makes one station of stops without a parent that share a name within 200 m: one board "Bern", not three', async () => {
    const stations = (await (await t.request('/api/stations')).json()) as Station[];
    expect(stations.filter((s) => s.name === 'Bern').map((s) => s.id)).toEqual(['bus-bern-a']);
    const bern = (await (await t.request('/api/stations/bus-bern-a/board')).json()) as Board;
    // Line 10 calls at bern-b and line 20 at bern-c: both on the one board.
    expect(bern.departures.filter((d) => d.kind === 'departure').map((d) => [d.line, d.destination])).toEqual([
      ['10', 'Wankdorf'],
      ['20', 'Wankdorf'],
    ]);
    expect((await t.request('/api/stations/bus-bern-b/board')).status).toBe(404);
  });

  it('keeps namesakes farther apart as stations of their own (a "Dorfplatz" in each of two villages)', async () => {
    const stations = (await (await t.request('/api/stations')).json()) as Station[];
    expect(stations.filter((s) => s.name === 'Dorfplatz').map((s) => s.id)).toEqual(['bus-dorf-koeniz', 'bus-dorf-muri']);
  });

  it('says in the feed’s health which stops it grouped', async () => {
    const feed = (await (await t.request('/api/feeds/bus', { auth: true })).json()) as Feed;
    const problems = feed.sources.find((s) => s.kind === 'schedule')?.problems.map((p) => p.problem);
    expect(problems).toEqual([
      'stop "bern-b" (Bern) is within 200 m of a stop of that name: one station, bus-bern-a',
      'stop "bern-c" (Bern) is within 200 m of a stop of that name: one station, bus-bern-a',
    ]);
  });
});
