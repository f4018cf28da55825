import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Feed, RealtimeReport, ScheduleImportReport } from '#shared/feeds';
import { Access } from '../auth/access.decorator';
import { requestContext } from '../common/request-context';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { FeedParams, ImportQueryDto, PutFeedDto } from './dto/feed.dto';
import { FeedsService } from './feeds.service';
import { RealtimeService } from './realtime.service';
import { ScheduleImportService } from './schedule-import.service';

/** GTFS feeds: schedule uploads, pushed GTFS-Realtime, settings for pulling it, and health. */
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly schedules: ScheduleImportService,
    private readonly realtime: RealtimeService,
  ) {}

  @Get()
  @Access('signed-in')
  list(): Promise<Feed[]> {
    return this.feeds.list();
  }

  @Get(':feedId')
  @Access('signed-in')
  get(@Param() { feedId }: FeedParams): Promise<Feed> {
    return this.feeds.get(feedId);
  }

  @Put(':feedId')
  @Access('admin')
  configure(@Param() { feedId }: FeedParams, @Body() body: PutFeedDto): Promise<Feed> {
    return this.feeds.configure(feedId, body);
  }

  /** A GTFS zip (`application/zip`); creates the feed on its first import. */
  @Post(':feedId/schedule')
  @Access('admin')
  @HttpCode(200)
  importSchedule(@Param() { feedId }: FeedParams, @Query() query: ImportQueryDto, @Req() req: AuthenticatedRequest): Promise<ScheduleImportReport> {
    asFeed();
    return this.schedules.import(feedId, bodyOf(req), { from: query.from, days: query.days });
  }

  /** A GTFS-Realtime `FeedMessage` (`application/x-protobuf`): TripUpdates, Alerts, or both. */
  @Post(':feedId/gtfs-rt')
  @Access('departures')
  @HttpCode(200)
  async pushRealtime(@Param() { feedId }: FeedParams, @Req() req: AuthenticatedRequest): Promise<RealtimeReport> {
    await this.feeds.checkMayFeed(req.principal!, feedId, 'departures');
    asFeed();
    return this.realtime.apply(feedId, bodyOf(req));
  }
}

/** Records the request's changes as feed data in the audit log, whoever sent it (a console admin uploading a zip, say). */
function asFeed(): void {
  const context = requestContext.getStore();
  if (context?.author) context.author = { ...context.author, source: 'feed' };
}

/** The raw body `RawBodyMiddleware` read; empty when none was sent. */
function bodyOf(req: AuthenticatedRequest): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
