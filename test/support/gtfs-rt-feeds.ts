import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transit_realtime } from 'gtfs-realtime-bindings';
import { decodeFeed } from '../../server/src/gtfs-rt/decode-feed';
import type { FeedMessage } from '../../server/src/gtfs-rt/feed-message';

/** A recorded GTFS-Realtime capture from `test/fixtures/gtfs` (see its README for provenance). */
export function feedBytes(name: 'caltrain-trip-updates.pb' | 'bart-trip-updates.pb' | 'mbta-alerts.pb'): Buffer {
  return readFileSync(join(__dirname, '..', 'fixtures', 'gtfs', name));
}

/** Encodes a feed given as a plain object, as a producer would send it. */
export function encodeFeed(feed: object): Buffer {
  return Buffer.from(transit_realtime.FeedMessage.encode(transit_realtime.FeedMessage.fromObject(feed)).finish());
}

/** A decoded copy of a capture, edited and sent through the wire again: the cases the real data lacks. */
export function editedFeed(bytes: Buffer, edit: (feed: FeedMessage) => void): FeedMessage {
  const feed = structuredClone(decodeFeed(bytes));
  edit(feed);
  return decodeFeed(encodeFeed(feed));
}
