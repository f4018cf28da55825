import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScheduleImportStreamLine } from '#shared/feeds';
import { startTestApp, type TestApp } from '../support/test-app';
import { zipOf } from '../support/zip-of';

const CALTRAIN_ZIP = readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', 'caltrain-gtfs.zip'));

describe('GTFS schedule import with progress (application/x-ndjson, e2e)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ CLOCK: '2023-11-08T00:00:00Z' });
  });
  afterEach(() => t.close());

  const importStreamed = async (zip: Buffer, feedId = 'caltrain') => {
    const res = await t.request(`/api/feeds/${feedId}/schedule?from=2023-11-07&days=1`, {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip', accept: 'application/x-ndjson' },
      body: new Uint8Array(zip),
    });
    return {
      res,
      lines: (await res.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ScheduleImportStreamLine),
    };
  };

  it('answers with the server’s stages as they happen, then the report', async () => {
    const { res, lines } = await importStreamed(CALTRAIN_ZIP);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const phases = [...new Set(lines.flatMap((line) => (line.type === 'progress' ? [line.phase] : [])))];
    expect(phases).toEqual(['stops', 'trips', 'stop_times', 'storing']);
    expect(lines).toContainEqual({ type: 'progress', phase: 'stop_times', done: 3498, total: 3498 });
    const last = lines[lines.length - 1];
    expect(last).toMatchObject({ type: 'report', report: { feedId: 'caltrain', routes: 9, window: { from: '2023-11-07', days: 1 } } });
    expect((await t.request('/api/stations/caltrain-lawrence/board')).status).toBe(200);
  });

  it('ends with the error, in the API’s error shape, when the zip is broken, and stores nothing', async () => {
    const zip = await zipOf({ 'agency.txt': 'agency_name,agency_url,agency_timezone\nX,https://example.org,Europe/Zurich\n' });
    const { res, lines } = await importStreamed(zip, 'broken');
    expect(res.status).toBe(200);
    expect(lines[lines.length - 1]).toEqual({
      type: 'error',
      error: { statusCode: 422, error: 'invalid_gtfs', message: expect.stringContaining('the zip has no stops.txt') },
    });
    expect((await t.request('/api/feeds/broken', { auth: true })).status).toBe(404);
  });

  it('still answers one JSON object to a client that does not ask for the stream', async () => {
    const res = await t.request('/api/feeds/caltrain/schedule?from=2023-11-07&days=1', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(CALTRAIN_ZIP),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ feedId: 'caltrain', routes: 9 });
  });
});
