import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Feed } from '#shared/feeds';
import { FeedPoller } from '../../server/src/feeds/feed-poller.service';
import { FeedsRepository } from '../../server/src/feeds/feeds.repository';
import { appWithSbb, boardOf, siriFixture, sourceOf } from '../support/siri-feed';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** An agency's SIRI Lite endpoints: each path answers its current document with an ETag, and 304 to a request that has it. */
function siriLiteServer(documents: Record<string, () => Buffer>) {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const document = documents[req.url ?? '']?.();
    if (!document) return void res.writeHead(404).end();
    const etag = `"${document.length}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', etag }).end(document);
  });
  return { server, seen };
}

describe('Pulling SIRI Lite (e2e)', () => {
  let t: TestApp;
  let agency: ReturnType<typeof siriLiteServer>;
  let sx: Buffer;

  beforeEach(async () => {
    sx = siriFixture('sx-zurich.xml');
    agency = siriLiteServer({ '/et.xml': () => siriFixture('et-zurich.xml'), '/sx.xml': () => sx });
    await new Promise<void>((resolve) => agency.server.listen(0, '127.0.0.1', resolve));
    // The agency here is a local server: private targets are refused unless allowed.
    t = await appWithSbb({ FEED_ALLOW_PRIVATE: 'on' });
  });
  afterEach(async () => {
    await t.close();
    agency.server.close();
  });

  const url = (path: string) => `http://127.0.0.1:${(agency.server.address() as AddressInfo).port}${path}`;
  const configure = (json: object) => t.request('/api/feeds/sbb', { method: 'PUT', auth: true, json });

  it('polls the configured ET and SX URLs with the feed’s headers, applies them, and asks again with the ETag', async () => {
    const res = await configure({ siriEtUrl: url('/et.xml'), siriSxUrl: url('/sx.xml'), headers: { 'X-Api-Key': 'secret-key' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ siriEtUrl: url('/et.xml'), siriSxUrl: url('/sx.xml'), headerNames: ['X-Api-Key'] });

    await t.app.get(FeedPoller).tick();
    await waitFor(
      async () => (await sourceOf(t, 'siri-et'))?.lastSuccessAt != null && (await sourceOf(t, 'siri-sx'))?.lastSuccessAt != null,
    );
    const hb = await boardOf(t, 'sbb-8503000');
    expect(hb.departures.find((d) => d.id === 'ic708.20261214')?.expectedTime).toBe('2026-12-14T07:04:00.000Z');
    expect(hb.alerts.map((a) => a.id)).toContain('siri.ch:sbb:2026-12-14-0042.0');
    expect(await sourceOf(t, 'siri-et')).toMatchObject({ stats: { matchedTrips: 4 }, errors: [] });
    expect(agency.seen.map((s) => s.url).sort()).toEqual(['/et.xml', '/sx.xml']);
    expect(agency.seen.every((s) => s.headers['x-api-key'] === 'secret-key')).toBe(true);
    expect(agency.seen[0].headers.accept).toMatch(/^application\/xml/);

    const feed = (await t.app.get(FeedsRepository).findFeed('sbb'))!;
    await t.app.get(FeedPoller).pull(feed, 'siri-et', url('/et.xml'));
    expect(agency.seen.at(-1)?.headers['if-none-match']).toBe(`"${siriFixture('et-zurich.xml').length}"`);
    expect((await sourceOf(t, 'siri-et'))?.errors).toEqual([]);
  });

  it('treats a pulled SX delivery as the whole current list: a situation no longer in it is retracted', async () => {
    await configure({ siriSxUrl: url('/sx.xml') });
    const poller = t.app.get(FeedPoller);
    const feed = (await t.app.get(FeedsRepository).findFeed('sbb'))!;
    await poller.pull(feed, 'siri-sx', url('/sx.xml'));
    expect((await boardOf(t, 'sbb-8503000')).alerts).toHaveLength(2);
    sx = siriFixture('sx-vdv736.xml');
    await poller.pull(feed, 'siri-sx', url('/sx.xml'));
    expect((await boardOf(t, 'sbb-8503000')).alerts).toEqual([]);
    expect((await boardOf(t, 'sbb-8503016')).alerts.map((a) => a.id)).toEqual(['siri.ch:sbb:2026-12-14-0050.0']);
  });

  it('records a pulled body that is not SIRI in the source’s health and keeps the boards', async () => {
    const poller = t.app.get(FeedPoller);
    const feed = (await t.app.get(FeedsRepository).findFeed('sbb'))!;
    const before = await boardOf(t, 'sbb-8503000');
    sx = Buffer.from('<html><body>Wartungsarbeiten</body></html>');
    await poller.pull(feed, 'siri-sx', url('/sx.xml'));
    expect((await sourceOf(t, 'siri-sx'))?.errors[0].message).toBe('not a SIRI document: the root element is <html>, expected <Siri>');
    expect(await boardOf(t, 'sbb-8503000')).toEqual(before);
  });

  it('validates the SIRI URLs as it does the GTFS-Realtime ones', async () => {
    const res = await configure({ siriEtUrl: 'ftp://x', siriSxUrl: 'not a url' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual([
      'siriEtUrl',
      'siriSxUrl',
    ]);
  });

  it('refuses private SIRI URLs unless FEED_ALLOW_PRIVATE is on', async () => {
    const strict = await appWithSbb();
    try {
      const res = await strict.request('/api/feeds/sbb', { method: 'PUT', auth: true, json: { siriEtUrl: 'http://10.0.0.7/et.xml' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fields: Array<{ field: string; message: string }> }).fields).toEqual([
        { field: 'siriEtUrl', message: expect.stringMatching(/^siriEtUrl points to a loopback, link-local or private address/) },
      ]);
      expect(((await (await strict.request('/api/feeds/sbb', { auth: true })).json()) as Feed).siriEtUrl).toBeNull();
    } finally {
      await strict.close();
    }
  });
});
