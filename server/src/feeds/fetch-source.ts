import type { FeedSourceKind } from '#shared/feeds';
import type { AppConfig } from '../config/app-config';
import { type FeedResponse, fetchFeed } from './feed-fetch';
import type { FeedRecord, FeedsRepository } from './feeds.repository';

/** What a pull of one of a feed's URLs asks for, beside the feed's own rules. */
export interface SourcePull {
  feed: FeedRecord;
  kind: FeedSourceKind;
  url: string;
  accept: string;
  timeoutMs: number;
}

/**
 * One conditional GET of a feed's source: with the validators its last answer gave (a 304 means
 * unchanged), the feed's secret headers, and the server's private-address and size rules. Shared
 * by the realtime poller and the schedule refresh, so the two cannot drift apart.
 */
export async function fetchSource(feeds: FeedsRepository, config: AppConfig, pull: SourcePull): Promise<FeedResponse> {
  const source = (await feeds.listSources(pull.feed.id)).find((s) => s.kind === pull.kind);
  const headers: Record<string, string> = { accept: pull.accept };
  if (source?.etag) headers['if-none-match'] = source.etag;
  if (source?.lastModified) headers['if-modified-since'] = source.lastModified;
  return fetchFeed({
    url: pull.url,
    headers,
    secretHeaders: pull.feed.headers,
    allowPrivate: config.feedAllowPrivate,
    limitBytes: config.feedBodyLimitBytes,
    timeoutMs: pull.timeoutMs,
  });
}
