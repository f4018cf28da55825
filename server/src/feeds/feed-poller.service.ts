import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FeedSourceKind } from '#shared/feeds';
import { runEvery } from '../common/periodic-task';
import { systemWrite } from '../board-core/write-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FeedRegistry } from './feed-registry.service';
import { type FeedRecord, FeedsRepository } from './feeds.repository';
import { RealtimeService } from './realtime.service';
import { SiriRealtimeService } from './siri-realtime.service';
import { Leases } from '../board-core/leases.service';
import { AccountsService, BOOTSTRAP_TOKEN_ID } from '../accounts/accounts.service';
import { ApiException } from '../common/api-exception';
import { redactUrl } from '../common/redact-url';
import { FeedFetchError } from './feed-fetch';
import { fetchSource } from './fetch-source';
import { ScheduleRefreshService } from './schedule-refresh.service';
import { actorOf, type FeedActor } from './feed-permissions';

/** How often the poller looks for due feeds (and re-reads every feed's freshness). */
const TICK_MS = 5_000;
/** How often a feed's `scheduleUrl` is asked whether it changed: agencies publish a new timetable a few times a year. */
const SCHEDULE_POLL_MS = 60 * 60_000;
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
  /** Feeds (as of one import) whose window is behind but that have no kept zip to roll it from. */
  private readonly rollsWithoutZip = new Set<string>();
  private stop?: () => void;

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly registry: FeedRegistry,
    private readonly realtime: RealtimeService,
    private readonly siri: SiriRealtimeService,
    private readonly leases: Leases,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: ScheduleRefreshService,
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
      for (const [kind, url] of [
        ['trip-updates', feed.tripUpdatesUrl],
        ['alerts', feed.alertsUrl],
        ['siri-et', feed.siriEtUrl],
        ['siri-sx', feed.siriSxUrl],
      ] as const) {
        const key = `${feed.id}\n${kind}`;
        if (url === null || this.inFlight.has(key) || Date.now() - (this.lastPull.get(key) ?? 0) < feed.pollSeconds * 1000) continue;
        this.inFlight.add(key);
        this.lastPull.set(key, Date.now());
        void this.pull(feed, kind, url).finally(() => this.inFlight.delete(key));
      }
      this.keepScheduleCurrent(feed);
    }
  }

  /**
   * Fetches the feed's schedule URL when due, else rolls its window forward when a day has passed;
   * one at a time per feed, beside its realtime pulls. A roll with no zip to read is tried again
   * only after the next import.
   */
  private keepScheduleCurrent(feed: FeedRecord): void {
    const key = `${feed.id}\nschedule`;
    if (this.inFlight.has(key)) return;
    const url = feed.scheduleUrl;
    const fetchDue = url !== null && Date.now() - (this.lastPull.get(key) ?? 0) >= SCHEDULE_POLL_MS;
    const rollKey = `${feed.id}\n${feed.importedAt}`;
    if (!fetchDue && (!this.schedules.isBehind(feed) || this.rollsWithoutZip.has(rollKey))) return;
    this.inFlight.add(key);
    if (fetchDue) this.lastPull.set(key, Date.now());
    const work = fetchDue
      ? this.schedules.fetch(feed, url)
      : this.schedules.roll(feed).then((rolled) => void (rolled || this.rollsWithoutZip.add(rollKey)));
    void work.catch(() => undefined).finally(() => this.inFlight.delete(key));
  }

  /** One pull of one source; every outcome lands in the feed's health, in words that name no secret and no network detail. */
  async pull(feed: FeedRecord, kind: FeedSourceKind, url: string): Promise<void> {
    const at = () => new Date().toISOString();
    try {
      const siri = kind === 'siri-et' || kind === 'siri-sx';
      const response = await fetchSource(this.feeds, this.config, {
        feed,
        kind,
        url,
        accept: siri ? 'application/xml, text/xml;q=0.9' : 'application/x-protobuf, application/octet-stream;q=0.9',
        timeoutMs: FETCH_TIMEOUT_MS,
      });
      if (response.status === 304) return await this.feeds.recordSource(feed.id, kind, { ok: true, at: at(), notModified: true });
      const validators = { etag: response.etag, lastModified: response.lastModified };
      const actor = await this.actorFor(feed);
      const reader = siri ? this.siri : this.realtime;
      await reader.apply(systemWrite(`feed:${feed.id}`, 'feed'), feed.id, response.body, actor, { kind, validators });
    } catch (error) {
      // RealtimeService records its own refusals (a bad body, nothing permitted) in the health.
      if (error instanceof ApiException)
        return this.logger.warn(
          `Feed ${feed.id} (${kind}) from ${redactUrl(url)}: ${(error.getResponse() as { message?: string }).message ?? error.message}`,
        );
      const message = error instanceof FeedFetchError ? error.message : 'could not be read';
      if (!(error instanceof FeedFetchError))
        this.logger.error(`Feed ${feed.id} (${kind}): ${error instanceof Error ? error.message : String(error)}`);
      else this.logger.warn(`Feed ${feed.id} (${kind}) from ${redactUrl(url)}: ${message}`);
      await this.feeds.recordSource(feed.id, kind, { ok: false, at: at(), error: message }).catch(() => undefined);
    }
  }

  /**
   * Pulled data acts for whoever last set up the feed's polling (an admin then), as that one is
   * now: a revoked token or a deleted account changes nothing more. Feeds set up before this was
   * recorded act for the bootstrap token, the deployment's own admin.
   */
  private async actorFor(feed: FeedRecord): Promise<FeedActor> {
    const ref = feed.configuredBy ?? { kind: 'token' as const, id: BOOTSTRAP_TOKEN_ID };
    const principal = await this.accounts.principalFor(ref);
    return principal
      ? actorOf(principal)
      : { principal: null, label: `The ${ref.kind} that set up polling (${ref.id}), now revoked or deleted,` };
  }
}
