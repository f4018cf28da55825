import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Feed, RealtimeReport, ScheduleImportReport } from '#shared/feeds';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiErrorResponse, ApiRawBody } from '../openapi/api-docs.decorators';
import { Write } from '../common/write-context.decorator';
import { asFeed, type WriteContext } from '../board-core/write-context';
import { RequestBody } from '../common/request-body.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { FeedParams, ImportQueryDto, PutFeedDto } from './dto/feed.dto';
import { actorOf } from './feed-permissions';
import type { ImportProgress } from '../gtfs/schedule-types';
import { FeedsService } from './feeds.service';
import { RealtimeService } from './realtime.service';
import { SiriRealtimeService } from './siri-realtime.service';
import { ScheduleImportService } from './schedule-import.service';
import { streamImport, wantsProgress } from './schedule-import-stream';
import { WriteRoutes } from '../common/write-routes.decorator';
import { wireArray, wireRef } from '../openapi/wire-schema';

/** GTFS feeds: schedule uploads, pushed GTFS-Realtime, settings for pulling it, and health. */
@ApiTags('feeds')
@WriteRoutes()
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly schedules: ScheduleImportService,
    private readonly realtime: RealtimeService,
    private readonly siri: SiriRealtimeService,
  ) {}

  @Get()
  @Access('signed-in')
  @ApiOperation({ summary: 'All feeds and their health' })
  @ApiOkResponse({ schema: wireArray('Feed') })
  list(): Promise<Feed[]> {
    return this.feeds.list();
  }

  @Get(':feedId')
  @Access('signed-in')
  @ApiOperation({
    summary: 'One feed and its health',
    description:
      "Per source (schedule, trip-updates, alerts): the last attempt and success, the age of the data (the message's own timestamp), match counts, what did not match and why, and the last errors.",
  })
  @ApiOkResponse({ schema: wireRef('Feed') })
  @ApiErrorResponse(404, '`not_found`: no such feed')
  get(@Param() { feedId }: FeedParams): Promise<Feed> {
    return this.feeds.get(feedId);
  }

  @Put(':feedId')
  @Access('admin')
  @ApiOperation({
    summary: "Set where the feed's GTFS-Realtime data is pulled from",
    description:
      'The URLs are polled every `pollSeconds` with conditional requests; `null` stops polling one. `headers` (an API key) are sent with every poll and never shown again; ' +
      'answers show the URLs with credentials as `REDACTED` (sending such a URL back keeps the stored one). Loopback, link-local and private addresses are refused unless `FEED_ALLOW_PRIVATE=on`. ' +
      'The pulled data acts with the permissions of the caller who last set these. ' +
      '`scheduleUrl` (a GTFS zip) is fetched every hour the same way and re-imported when it changed.',
  })
  @ApiBody({
    type: PutFeedDto,
    examples: {
      poll: {
        summary: 'Poll TripUpdates every 30 s',
        value: {
          tripUpdatesUrl: 'https://agency.example/gtfs-rt/tripupdates.pb',
          pollSeconds: 30,
          headers: { 'Ocp-Apim-Subscription-Key': '0123456789abcdef' },
        },
      },
    },
  })
  @ApiOkResponse({ schema: wireRef('Feed') })
  @ApiErrorResponse(404, '`not_found`: no such feed (import its schedule first)')
  configure(@Param() { feedId }: FeedParams, @Body() body: PutFeedDto, @Req() req: AuthenticatedRequest): Promise<Feed> {
    return this.feeds.configure(feedId, body, req.principal!);
  }

  /** A GTFS zip (`application/zip`); creates the feed on its first import. */
  @Post(':feedId/schedule')
  @Access('admin')
  @RequestBody({ kind: 'binary', limit: 'feed' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a GTFS schedule',
    description:
      "Stations from parent stations, lines from routes, departures and arrivals for `days` service days from `from` (default: today in the agency's timezone). " +
      "A re-import replaces the schedule, keeping realtime values and operators' holds. Nothing is stored when the zip is broken. " +
      'With `Accept: application/x-ndjson` the answer is one JSON object a line: `progress` of each stage as it happens, then the `report` (or the `error`, the status being 200 by then).',
  })
  @ApiRawBody('application/zip', 'A GTFS zip (agency, stops, routes, trips, stop_times, and calendar or calendar_dates)')
  @ApiOkResponse({ schema: wireRef('ScheduleImportReport') })
  @ApiErrorResponse(415, '`unsupported_media_type`: not sent as application/zip')
  @ApiErrorResponse(422, '`invalid_gtfs`: the zip is broken; the message names the file, line and problem')
  async importSchedule(
    @Write() write: WriteContext,
    @Param() { feedId }: FeedParams,
    @Query() query: ImportQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ScheduleImportReport | undefined> {
    // Recorded as feed data in the audit log, whoever sent it (a console admin uploading a zip, say).
    const run = (onProgress?: ImportProgress) =>
      this.schedules.import(asFeed(write), feedId, bodyOf(req), { from: query.from, days: query.days }, onProgress);
    if (!wantsProgress(req)) return run();
    await streamImport(res, run);
    return undefined;
  }

  /** A GTFS-Realtime `FeedMessage` (`application/x-protobuf`): TripUpdates, Alerts, or both. */
  @Post(':feedId/gtfs-rt')
  @Access(['departures', 'alerts'])
  @RequestBody({ kind: 'binary', limit: 'feed' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Push a GTFS-Realtime message',
    description:
      'TripUpdates move, cancel and add departures; Alerts land on the stations they inform. Send `Content-Encoding: gzip` for a compressed body. ' +
      'The answer counts what matched the imported schedule and lists what did not. Each change needs its permission at its station, as on the other routes: ' +
      'trip updates `departures`, alerts `alerts`; what the caller may not change is left out and listed in `problems` (403 when nothing may be applied).',
  })
  @ApiRawBody('application/x-protobuf', 'A GTFS-Realtime FeedMessage (protobuf)')
  @ApiOkResponse({ schema: wireRef('RealtimeReport') })
  @ApiErrorResponse(404, '`not_found`: no such feed')
  @ApiErrorResponse(415, '`unsupported_media_type`: not sent as application/x-protobuf')
  @ApiErrorResponse(403, '`forbidden`: the caller may change none of what the message changes; the message says what and where')
  pushRealtime(@Write() write: WriteContext, @Param() { feedId }: FeedParams, @Req() req: AuthenticatedRequest): Promise<RealtimeReport> {
    return this.realtime.apply(asFeed(write), feedId, bodyOf(req), actorOf(req.principal!));
  }
  /** A SIRI document (`application/xml`): EstimatedTimetable, SituationExchange, or both. */
  @Post(':feedId/siri')
  @Access(['departures', 'alerts'])
  @RequestBody({ kind: 'xml', limit: 'feed' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Push a SIRI delivery',
    description:
      'EstimatedTimetable journeys move, cancel and add departures (matched by DatedVehicleJourneyRef = trip_id, else by line, origin and aimed time); ' +
      'SituationExchange situations (VDV 736 too) become alerts on the stations their Affects name, and are removed when closed or over. ' +
      'Each change needs its permission at its station, as for GTFS-Realtime: journeys `departures`, situations `alerts`. ' +
      'No DOCTYPE (so no entities) is accepted; the body is capped at FEED_BODY_LIMIT_BYTES.',
  })
  @ApiRawBody(
    'application/xml',
    'A SIRI 2.x document: <Siri><ServiceDelivery> with EstimatedTimetableDelivery and/or SituationExchangeDelivery',
  )
  @ApiOkResponse({ schema: wireRef('RealtimeReport') })
  @ApiErrorResponse(400, '`invalid_feed`: not well-formed XML, a DOCTYPE, or not a SIRI delivery; the message says which')
  @ApiErrorResponse(404, '`not_found`: no such feed')
  @ApiErrorResponse(415, '`unsupported_media_type`: not sent as application/xml or text/xml')
  @ApiErrorResponse(403, '`forbidden`: the caller may change none of what the delivery changes; the message says what and where')
  pushSiri(@Write() write: WriteContext, @Param() { feedId }: FeedParams, @Req() req: AuthenticatedRequest): Promise<RealtimeReport> {
    return this.siri.apply(asFeed(write), feedId, bodyOf(req), actorOf(req.principal!));
  }
}

/** The raw body `BodyInterceptor` read; empty when none was sent. */
function bodyOf(req: AuthenticatedRequest): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
