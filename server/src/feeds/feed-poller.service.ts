import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FeedSourceKind } from '#shared/feeds';
import { runEvery } from '../common/periodic-task';
import { requestContext, systemAuthor } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FeedRegistry } from './feed-registry.service';
import { type FeedRecord, FeedsRepository } from './feeds.repository';
import { RealtimeService } from './realtime.service';
import { Leases } from '../board/leases.service';

/** How often the poller looks for due feeds (and re-reads every feed's freshness). */
const TICK_MS = 5_000;
/** A pull that takes longer than this has failed; the next one is due a poll interval later. */
const FETCH_TIMEOUT_MS = 20_000;

/**
 * Pulls the realtime URLs configured on feeds, each on its own interval, on one timer for all.
 * Conditional requests (`If-None-Match`, `If-Modified-Since`) keep an unchanged feed cheap for
 * both sides; a pull never overlaps the previous one of the same source.
 */
@Injectable()
export class FeedPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedPoller.name);
  private readonly lastPull = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private stop?: () => void;

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly registry: FeedRegistry,
    private readonly realtime: RealtimeService,
    private readonly leases: Leases,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick().catch(() => undefined);
    this.stop = runEvery(TICK_MS, () => this.tick(), this.logger, 'Polling feeds');
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  async tick(): Promise<void> {
    await this.registry.refresh();
    // Every instance keeps its freshness current; one of them pulls.
    if (!(await this.leases.holds('feed-poller', TICK_MS * 3))) return;
    for (const feed of await this.feeds.listFeeds()) {
      for (const [kind, url] of [['trip-updates', feed.tripUpdatesUrl], ['alerts', feed.alertsUrl]] as const) {
        const key = `${feed.id}\n${kind}`;
        if (url === null || this.inFlight.has(key) || Date.now() - (this.lastPull.get(key) ?? 0) < feed.pollSeconds * 1000) continue;
        this.inFlight.add(key);
        this.lastPull.set(key, Date.now());
        void this.pull(feed, kind, url).finally(() => this.inFlight.delete(key));
      }
    }
  }

  /** One pull of one source; every outcome lands in the feed's health. */
  async pull(feed: FeedRecord, kind: FeedSourceKind, url: string): Promise<void> {
    const at = () => new Date().toISOString();
    try {
      const source = (await this.feeds.listSources(feed.id)).find((s) => s.kind === kind);
      const headers: Record<string, string> = { accept: 'application/x-protobuf, application/octet-stream;q=0.9' };
      if (source?.etag) headers['if-none-match'] = source.etag;
      if (source?.lastModified) headers['if-modified-since'] = source.lastModified;
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (response.status === 304) return await this.feeds.recordSource(feed.id, kind, { ok: true, at: at(), notModified: true });
      if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > this.config.feedBodyLimitBytes) throw new Error(`${url} sent ${length} bytes, over FEED_BODY_LIMIT_BYTES`);
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length > this.config.feedBodyLimitBytes) throw new Error(`${url} sent ${body.length} bytes, over FEED_BODY_LIMIT_BYTES`);
      const validators = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
      await requestContext.run({ author: systemAuthor(`feed:${feed.id}`, 'feed') }, () => this.realtime.apply(feed.id, body, { kind, validators }));
    } catch (error) {
      const message = error instanceof Error ? (error.name === 'TimeoutError' ? `${url} did not answer within ${FETCH_TIMEOUT_MS / 1000} s` : error.message) : String(error);
      this.logger.warn(`Feed ${feed.id} (${kind}): ${message}`);
      await this.feeds.recordSource(feed.id, kind, { ok: false, at: at(), error: message }).catch(() => undefined);
    }
  }
}
