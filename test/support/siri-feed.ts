import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '#shared/board';
import type { Feed, FeedSourceHealth } from '#shared/feeds';
import { startTestApp, type TestApp } from './test-app';
import { zipOf } from './zip-of';

const SIRI_FIXTURES = join(__dirname, '..', 'fixtures', 'siri');

/** 07:50 in Zürich on the fixtures' day: before every train of sbb-mini-gtfs leaves. */
export const ZURICH_CLOCK = '2026-12-14T06:50:00Z';

/** A SIRI fixture's bytes (see test/fixtures/siri/README.md). */
export function siriFixture(name: string): Buffer {
  return readFileSync(join(SIRI_FIXTURES, name));
}

/** The app with sbb-mini-gtfs imported as feed `sbb` for 2026-12-14. */
export async function appWithSbb(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const t = await startTestApp({ CLOCK: ZURICH_CLOCK, ...env });
  const folder = join(SIRI_FIXTURES, 'sbb-mini-gtfs');
  const files = Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
  const res = await t.request('/api/feeds/sbb/schedule?from=2026-12-14&days=1', {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/zip' },
    body: new Uint8Array(await zipOf(files)),
  });
  if (res.status !== 200) throw new Error(`import sbb-mini-gtfs: ${res.status} ${await res.text()}`);
  return t;
}

/** POSTs a SIRI body as the admin, or as `token`. */
export function pushSiri(t: TestApp, body: Buffer | string, token?: string, contentType = 'application/xml'): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  return t.request('/api/feeds/sbb/siri', { method: 'POST', auth: token === undefined, headers, body: new Uint8Array(Buffer.from(body)) });
}

export async function boardOf(t: TestApp, stationId: string): Promise<Board> {
  return (await (await t.request(`/api/stations/${stationId}/board`)).json()) as Board;
}

export async function sourceOf(t: TestApp, kind: FeedSourceHealth['kind']): Promise<FeedSourceHealth | undefined> {
  const feed = (await (await t.request('/api/feeds/sbb', { auth: true })).json()) as Feed;
  return feed.sources.find((s) => s.kind === kind);
}
