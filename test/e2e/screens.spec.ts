import type { Screen } from '#shared/screens';
import { ScreenFleet } from '../../server/src/screens/screen-fleet.service';
import { SseReader } from '../support/sse-reader';
import { createStation, startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const SCREEN = 'kiosk-0001-platform-3';
const UA = 'Mozilla/5.0 Chrome/131.0 Safari/537.36';

describe('the screen fleet (e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t, 'bern', 'Bern');
  });
  afterEach(() => t.close());

  const screens = async () => (await (await t.request('/api/screens', { auth: true })).json()) as Screen[];
  /** A screen's stream, read past its snapshot and the `screen` message with its beacon key. */
  const open = async (query = `screen=${SCREEN}&v=0.1.0`) => {
    const reader = new SseReader(await fetch(`${t.baseUrl}/api/stations/bern/board/events?${query}`, { headers: { 'user-agent': UA } }));
    await reader.next();
    if (query.includes('screen=')) Object.assign(reader, { beaconKey: (await reader.nextEvent<{ beaconKey: string }>()).data.beaconKey });
    return reader as SseReader & { beaconKey?: string };
  };

  it('lists a screen while its stream is open, with what its beacon reports, and marks it stale once gone', async () => {
    const screen = await open();
    const beacon = await t.request(`/api/screens/${SCREEN}/beacon`, {
      method: 'POST',
      headers: { 'user-agent': UA },
      json: { beaconKey: screen.beaconKey, version: '0.1.0', dataAgeSeconds: 7 },
    });
    expect(beacon.status).toBe(204);
    expect(await screens()).toEqual([
      expect.objectContaining({
        id: SCREEN,
        stationId: 'bern',
        version: '0.1.0',
        connected: true,
        dataAgeSeconds: 7,
        userAgent: 'Chrome 131',
        stale: false,
        outdated: false,
      }),
    ]);
    await screen.close();
    await waitFor(async () => (await screens())[0]?.connected === false);
    expect((await screens())[0]).toMatchObject({ connected: false, stale: true });
  });

  it('does not count the console’s previews (streams without a screen id)', async () => {
    const preview = await open('');
    await t.app.get(ScreenFleet).flush();
    expect(await screens()).toEqual([]);
    await preview.close();
  });

  it('reloads a screen on an operator’s request, over its own stream, without moving its position', async () => {
    const screen = await open();
    const other = await open('screen=kiosk-0002-hall&v=0.0.9');
    await t.app.get(ScreenFleet).flush();
    expect((await screens()).find((s) => s.id === 'kiosk-0002-hall')).toMatchObject({ outdated: true });
    expect((await t.request(`/api/screens/${SCREEN}/reload`, { method: 'POST', auth: true })).status).toBe(204);
    const frame = await screen.next(2_000, { heartbeats: true });
    expect(frame.event).toBe('reload');
    expect(frame.id).toMatch(/\.0$/);
    expect(await other.silentFor(300)).toBe(true);
    await screen.close();
    await other.close();
  });

  it('checks what a screen reports and who may reload it', async () => {
    const bad = await t.request(`/api/screens/${SCREEN}/beacon`, {
      method: 'POST',
      json: { beaconKey: 'short', version: '', dataAgeSeconds: -1 },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual([
      'beaconKey',
      'dataAgeSeconds',
      'version',
    ]);
    expect((await t.request('/api/screens/not-a-screen-x/reload', { method: 'POST', auth: true })).status).toBe(404);
    expect((await t.request(`/api/screens/${SCREEN}/reload`, { method: 'POST' })).status).toBe(401);
    expect((await t.request('/api/screens')).status).toBe(401);
  });
});
