import type { Board } from '#shared/board';
import { startTestApp, type TestApp } from '../support/test-app';
import { zipOfFixture } from '../support/zip-of';

/** Tuesday 1 December 2026, early morning in both Zürich and London (winter time: UTC+1 and UTC+0). */
const CLOCK = '2026-12-01T05:00:00Z';

describe('GTFS feed of two agencies in two timezones (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CLOCK });
    const res = await t.request('/api/feeds/euro/schedule?from=2026-12-01&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(await zipOfFixture('two-agencies')),
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  const board = async (id: string) => (await (await t.request(`/api/stations/${id}/board`)).json()) as Board;

  it('times each trip in its own agency’s timezone, not the first agency’s', async () => {
    // SBB's 08:00 at Basel is 07:00 UTC; Eurostar's 08:01 at St Pancras is London time, 08:01 UTC.
    expect((await board('euro-basel')).departures.find((d) => d.id === 'ic-700.20261201')?.scheduledTime).toBe('2026-12-01T07:00:00.000Z');
    expect((await board('euro-london')).departures.find((d) => d.id === 'es-9014.20261201')?.scheduledTime).toBe(
      '2026-12-01T08:01:00.000Z',
    );
    // Paris Nord has its own stop_timezone, but GTFS times stay in the agency's zone: 11:20 London is 12:20 in Paris.
    expect((await board('euro-paris')).departures.find((d) => d.id === 'es-9014.20261201.arr')?.scheduledTime).toBe(
      '2026-12-01T11:20:00.000Z',
    );
  });

  it('shows each station in its zone: its stop_timezone, else that of the agency serving it; a platform’s own zone yields to its parent’s', async () => {
    expect((await board('euro-paris')).station.timezone).toBe('Europe/Paris');
    expect((await board('euro-london')).station.timezone).toBe('Europe/London');
    expect((await board('euro-basel')).station.timezone).toBe('Europe/Zurich');
    expect((await board('euro-zurich')).station.timezone).toBe('Europe/Zurich');
  });
});
