import { Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '#shared/api';
import type { Principal } from '#shared/auth';
import type { Feed, PutFeedBody } from '#shared/feeds';
import { invalidFields, notFound } from '../common/api-exception';
import { redactUrl } from '../common/redact-url';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FeedRegistry } from './feed-registry.service';
import { targetProblem } from './feed-target';
import { type FeedRecord, FeedsRepository } from './feeds.repository';

type UrlField = 'tripUpdatesUrl' | 'alertsUrl' | 'siriEtUrl' | 'siriSxUrl' | 'scheduleUrl';

/** Feeds and their health, as the console and the API show them. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly registry: FeedRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<Feed[]> {
    return Promise.all((await this.feeds.listFeeds()).map((feed) => this.view(feed)));
  }

  async get(feedId: string): Promise<Feed> {
    const feed = await this.feeds.findFeed(feedId);
    if (!feed) throw notFound('Feed', feedId);
    return this.view(feed);
  }

  /**
   * Sets where the feed's realtime data is pulled from; the feed must exist (its schedule imported).
   * `by` becomes the one the pulled data acts for: it may change what `by` may, and nothing once `by` is gone.
   */
  async configure(feedId: string, body: PutFeedBody, by: Principal): Promise<Feed> {
    const feed = await this.feeds.findFeed(feedId);
    if (!feed) throw notFound('Feed', feedId);
    const urls = {
      tripUpdatesUrl: this.nextUrl(body.tripUpdatesUrl, feed.tripUpdatesUrl),
      alertsUrl: this.nextUrl(body.alertsUrl, feed.alertsUrl),
      siriEtUrl: this.nextUrl(body.siriEtUrl, feed.siriEtUrl),
      siriSxUrl: this.nextUrl(body.siriSxUrl, feed.siriSxUrl),
      scheduleUrl: this.nextUrl(body.scheduleUrl, feed.scheduleUrl),
    };
    const refused: FieldError[] = [];
    for (const field of ['tripUpdatesUrl', 'alertsUrl', 'siriEtUrl', 'siriSxUrl', 'scheduleUrl'] as const satisfies UrlField[]) {
      const problem =
        urls[field] !== null && urls[field] !== feed[field] && !this.config.feedAllowPrivate ? targetProblem(urls[field]) : null;
      if (problem) refused.push({ field, message: `${field} ${problem}` });
    }
    if (refused.length > 0) throw invalidFields(refused);
    await this.feeds.saveSources(feedId, {
      name: body.name?.trim() ?? feed.name,
      ...urls,
      pollSeconds: body.pollSeconds ?? feed.pollSeconds,
      headers: body.headers === undefined ? feed.headers : (body.headers ?? {}),
      configuredBy: { kind: by.kind, id: by.id },
    });
    this.registry.forget(feedId);
    await this.registry.refresh();
    return this.get(feedId);
  }

  /**
   * The URL to store: unchanged when not given, and when given as it was shown (redacted), so a
   * client sending back the settings it read keeps the stored credentials instead of `REDACTED`.
   */
  private nextUrl(given: string | null | undefined, current: string | null): string | null {
    if (given === undefined) return current;
    if (given !== null && current !== null && given !== current && given === redactUrl(current)) return current;
    return given;
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
      scheduleValidity: feed.scheduleValidity,
      window: feed.window,
      // Any signed-in viewer reads this: an agency's key in a URL is not for them.
      tripUpdatesUrl: feed.tripUpdatesUrl && redactUrl(feed.tripUpdatesUrl),
      alertsUrl: feed.alertsUrl && redactUrl(feed.alertsUrl),
      siriEtUrl: feed.siriEtUrl && redactUrl(feed.siriEtUrl),
      siriSxUrl: feed.siriSxUrl && redactUrl(feed.siriSxUrl),
      scheduleUrl: feed.scheduleUrl && redactUrl(feed.scheduleUrl),
      pollSeconds: feed.pollSeconds,
      headerNames: Object.keys(feed.headers),
      stale: this.registry.isStale(feed.id),
      sources: sources.map(({ etag: _e, lastModified: _l, ...health }) => health),
    };
  }
}
