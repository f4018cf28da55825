import { Injectable } from '@nestjs/common';
import type { Principal } from '#shared/auth';
import type { Feed, PutFeedBody } from '#shared/feeds';
import { forbidden, notFound } from '../common/api-exception';
import { FeedRegistry } from './feed-registry.service';
import { type FeedRecord, FeedsRepository } from './feeds.repository';

/** Feeds and their health, as the console and the API show them. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly registry: FeedRegistry,
  ) {}

  async list(): Promise<Feed[]> {
    return Promise.all((await this.feeds.listFeeds()).map((feed) => this.view(feed)));
  }

  async get(feedId: string): Promise<Feed> {
    const feed = await this.feeds.findFeed(feedId);
    if (!feed) throw notFound('Feed', feedId);
    return this.view(feed);
  }

  /** Sets where the feed's realtime data is pulled from; the feed must exist (its schedule imported). */
  async configure(feedId: string, body: PutFeedBody): Promise<Feed> {
    const feed = await this.feeds.findFeed(feedId);
    if (!feed) throw notFound('Feed', feedId);
    await this.feeds.saveSources(feedId, {
      name: body.name?.trim() ?? feed.name,
      tripUpdatesUrl: body.tripUpdatesUrl !== undefined ? body.tripUpdatesUrl : feed.tripUpdatesUrl,
      alertsUrl: body.alertsUrl !== undefined ? body.alertsUrl : feed.alertsUrl,
      pollSeconds: body.pollSeconds ?? feed.pollSeconds,
    });
    this.registry.forget(feedId);
    await this.registry.refresh();
    return this.get(feedId);
  }

  /** A feed's data changes every one of its stations, so only a principal allowed at all of them may send it. */
  async checkMayFeed(principal: Principal, feedId: string, permission: 'departures' | 'alerts'): Promise<void> {
    const { feed } = await this.registry.get(feedId);
    if (principal.stations === null) return;
    const allowed = new Set(principal.stations);
    const outside = feed.network.stations.filter((s) => !allowed.has(s.id));
    if (outside.length > 0) {
      throw forbidden(`${principal.kind === 'user' ? 'User' : 'Token'} "${principal.name}" may not change ${permission} at ${outside.length} of feed "${feedId}"'s stations (e.g. "${outside[0].id}")`);
    }
  }

  private async view(feed: FeedRecord): Promise<Feed> {
    const sources = await this.feeds.listSources(feed.id);
    return {
      id: feed.id,
      name: feed.name,
      timezone: feed.timezone,
      stationPrefix: feed.stationPrefix,
      stationCount: await this.feeds.stationCount(feed.id),
      scheduleVersion: feed.scheduleVersion,
      window: feed.window,
      tripUpdatesUrl: feed.tripUpdatesUrl,
      alertsUrl: feed.alertsUrl,
      pollSeconds: feed.pollSeconds,
      stale: this.registry.isStale(feed.id),
      sources: sources.map(({ etag: _e, lastModified: _l, ...health }) => health),
    };
  }
}
