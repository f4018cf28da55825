import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '../observability/metrics.service';
import type { FeedFreshness, Station } from '#shared/board';
import { notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FeedNetworkIndex } from './feed-index';
import { type FeedRecord, FeedsRepository } from './feeds.repository';

/** What the boards need to know of a feed between messages: its name and the age of its realtime data. */
interface Liveness {
  name: string;
  /** Realtime data is expected: some came already, or a URL is polled. */
  live: boolean;
  dataAt: string | null;
}

/**
 * The feeds as the running server sees them: each feed's network index (built once per import)
 * and whether its realtime data is current. Freshness is re-read from the store on every
 * heartbeat, so every instance of a scaled-out server agrees on it.
 */
@Injectable()
export class FeedRegistry {
  private readonly indexes = new Map<string, Promise<{ feed: FeedRecord; index: FeedNetworkIndex }>>();
  private liveness = new Map<string, Liveness>();

  constructor(
    private readonly clock: Clock,
    private readonly feeds: FeedsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(Metrics) metrics: Metrics | null = null,
  ) {
    metrics?.onScrape(metrics.feedDataAge, (gauge) => {
      for (const [feed, live] of this.liveness)
        if (live.dataAt) gauge.set({ feed }, (this.clock.now().getTime() - Date.parse(live.dataAt)) / 1000);
    });
  }

  /** The feed and its network index; a 404 for an unknown feed. */
  async get(feedId: string): Promise<{ feed: FeedRecord; index: FeedNetworkIndex }> {
    let entry = this.indexes.get(feedId);
    if (!entry) {
      entry = this.feeds.findFeed(feedId).then((feed) => {
        if (!feed) throw notFound('Feed', feedId);
        return { feed, index: new FeedNetworkIndex(feed.network, feed.timezone, feed.name) };
      });
      this.indexes.set(feedId, entry);
      entry.catch(() => this.indexes.delete(feedId));
    }
    return entry;
  }

  /** Drops what is cached of a feed after it changed (an import, new settings). */
  forget(feedId: string): void {
    this.indexes.delete(feedId);
  }

  /** Re-reads every feed's realtime freshness from the store. */
  async refresh(): Promise<void> {
    const next = new Map<string, Liveness>();
    for (const feed of await this.feeds.listFeeds()) {
      // Another instance may have imported a new schedule or changed the settings: index it anew.
      const cached = await this.indexes.get(feed.id)?.catch(() => null);
      if (cached && (cached.feed.importedAt !== feed.importedAt || cached.feed.name !== feed.name)) this.forget(feed.id);
      const sources = await this.feeds.listSources(feed.id);
      const realtime = sources.filter((s) => s.kind !== 'schedule' && s.lastSuccessAt !== null);
      const dataAt =
        realtime
          .map((s) => s.dataAt)
          .filter((d): d is string => d !== null)
          .sort()
          .at(-1) ?? null;
      const polled = [feed.tripUpdatesUrl, feed.alertsUrl, feed.siriEtUrl, feed.siriSxUrl].some((url) => url !== null);
      next.set(feed.id, { name: feed.name, live: realtime.length > 0 || polled, dataAt });
    }
    this.liveness = next;
  }

  /** Notes fresh realtime data at once, without waiting for the next refresh. */
  noteData(feedId: string, name: string, dataAt: string | null): void {
    const current = this.liveness.get(feedId);
    const newest =
      [current?.dataAt ?? null, dataAt]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    this.liveness.set(feedId, { name, live: true, dataAt: newest });
  }

  /** A station's feed freshness, for its board; `null` for a station no realtime feed serves. */
  freshness(station: Station): FeedFreshness | null {
    const live = station.feedId ? this.liveness.get(station.feedId) : undefined;
    if (!station.feedId || !live?.live) return null;
    return { feedId: station.feedId, name: live.name, dataAt: live.dataAt, stale: this.isStale(live) };
  }

  isStale(feedId: string | Liveness): boolean {
    const live = typeof feedId === 'string' ? this.liveness.get(feedId) : feedId;
    if (!live?.live) return false;
    return live.dataAt === null || this.clock.now().getTime() - Date.parse(live.dataAt) > this.config.feedStaleSeconds * 1000;
  }

  /** The feeds that are stale now, with their latest data's time: what every heartbeat carries. */
  staleFeeds(): Record<string, string | null> {
    const stale: Record<string, string | null> = {};
    for (const [feedId, live] of this.liveness) if (this.isStale(live)) stale[feedId] = live.dataAt;
    return stale;
  }
}
