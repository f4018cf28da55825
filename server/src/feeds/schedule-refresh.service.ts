import { Inject, Injectable, Logger } from '@nestjs/common';
import { systemWrite } from '../board-core/write-context';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { redactUrl } from '../common/redact-url';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { serviceDateToday } from '../gtfs/gtfs-time';
import { FeedFetchError } from './feed-fetch';
import { fetchSource } from './fetch-source';
import { type FeedRecord, FeedsRepository } from './feeds.repository';
import { ScheduleImportService } from './schedule-import.service';

/** A schedule zip can be tens of MB from a slow agency server. */
const FETCH_TIMEOUT_MS = 120_000;

/**
 * Keeps a feed's schedule current without anyone uploading it again: the zip at its
 * `scheduleUrl` is fetched (conditional GET) and re-imported when it changed, and each morning the
 * window of service days rolls forward from the last zip imported, so boards never run out of
 * departures after `GTFS_SERVICE_DAYS`. A failure keeps the schedule there is and shows in the
 * feed's health (its `schedule` source).
 */
@Injectable()
export class ScheduleRefreshService {
  private readonly logger = new Logger(ScheduleRefreshService.name);

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly imports: ScheduleImportService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Fetches the feed's `scheduleUrl` and imports it, unless the server says it has not changed. */
  async fetch(feed: FeedRecord, url: string): Promise<void> {
    const at = () => new Date().toISOString();
    try {
      const response = await fetchSource(this.feeds, this.config, {
        feed,
        kind: 'schedule',
        url,
        accept: 'application/zip, application/octet-stream;q=0.9',
        timeoutMs: FETCH_TIMEOUT_MS,
      });
      if (response.status === 304) return await this.feeds.recordSource(feed.id, 'schedule', { ok: true, at: at(), notModified: true });
      await this.imports.import(this.write(feed), feed.id, response.body, {}, undefined, {
        validators: { etag: response.etag, lastModified: response.lastModified },
      });
    } catch (error) {
      // The import records its own refusal of a broken zip in the health.
      if (error instanceof ApiException) return this.logger.warn(`Schedule of ${feed.id} from ${redactUrl(url)}: ${error.message}`);
      const message = error instanceof FeedFetchError ? `${error.message}; the schedule imported before is kept` : 'could not be read';
      this.logger.warn(`Schedule of ${feed.id} from ${redactUrl(url)}: ${message}`);
      await this.feeds.recordSource(feed.id, 'schedule', { ok: false, at: at(), error: message }).catch(() => undefined);
    }
  }

  /** Whether the feed's window follows today and starts before it in the feed's timezone (on the boards' clock): time to roll it. */
  isBehind(feed: FeedRecord): boolean {
    return (
      feed.windowRolls && feed.window !== null && feed.window.from.replaceAll('-', '') < serviceDateToday(feed.timezone, this.clock.now())
    );
  }

  /** Re-imports the last zip for the window from today, keeping its length; `false` when there is no zip or it failed (no use trying again before the next import). */
  async roll(feed: FeedRecord): Promise<boolean> {
    const zip = await this.feeds.loadScheduleZip(feed.id);
    if (!zip || !feed.window) return false;
    try {
      await this.imports.import(this.write(feed), feed.id, zip, { days: feed.window.days }, undefined, { storedZip: true });
    } catch (error) {
      const message = error instanceof ApiException ? error.message : 'the window could not be rolled forward';
      this.logger.warn(`Schedule of ${feed.id}: ${message}`);
      await this.feeds
        .recordSource(feed.id, 'schedule', { ok: false, at: new Date().toISOString(), error: message })
        .catch(() => undefined);
      return false;
    }
    return true;
  }

  private write(feed: FeedRecord) {
    return systemWrite(`feed:${feed.id}`, 'feed');
  }
}
