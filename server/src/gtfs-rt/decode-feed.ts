import { transit_realtime } from 'gtfs-realtime-bindings';
import { FeedError } from './feed-error';
import type { FeedMessage } from './feed-message';

/** Major versions of the GTFS-Realtime spec whose messages this reader understands. */
const SUPPORTED_MAJOR_VERSIONS = new Set(['1', '2']);

/**
 * Decodes a GTFS-Realtime protobuf body into a plain, typed object. Throws `FeedError` with a
 * message meant for whoever runs the feed: the HTTP layer turns it into a 400 as it is.
 */
export function decodeFeed(body: Buffer): FeedMessage {
  if (body.length === 0) throw new FeedError('the body is empty: expected a GTFS-Realtime FeedMessage');
  // A gzip stream's magic number is never valid protobuf (wire type 7), so this cannot misfire.
  if (body[0] === 0x1f && body[1] === 0x8b) {
    throw new FeedError('the body is gzip-compressed; send it with Content-Encoding: gzip');
  }
  const feed = toPlainObject(body);
  checkVersion(feed.header.gtfsRealtimeVersion);
  return feed;
}

function toPlainObject(body: Buffer): FeedMessage {
  try {
    const message = transit_realtime.FeedMessage.decode(body);
    // `arrays: true` so every repeated field is an array, even when the feed left it empty.
    return transit_realtime.FeedMessage.toObject(message, { longs: Number, enums: String, arrays: true }) as FeedMessage;
  } catch (error) {
    throw new FeedError(decodeFailure(error));
  }
}

/** protobufjs reports a missing required field by its camelCase name; say which part of the feed lacks it. */
function decodeFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (reason === "missing required 'header'") return 'the FeedMessage has no header';
  if (reason === "missing required 'gtfsRealtimeVersion'") return 'the feed header has no gtfs_realtime_version';
  return `not a GTFS-Realtime FeedMessage: ${reason}`;
}

function checkVersion(version: string): void {
  if (version.trim() === '') throw new FeedError('the feed header has no gtfs_realtime_version');
  const major = /^\s*(\d+)(?:\.|\s*$)/.exec(version)?.[1];
  if (major === undefined || !SUPPORTED_MAJOR_VERSIONS.has(major)) {
    throw new FeedError(`gtfs_realtime_version "${version.slice(0, 20)}" is not supported: expected 1.x or 2.x`);
  }
}
