import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { PutDepartureBody } from '#shared/api';
import type { Departure } from '#shared/board';
import type { ScheduleImportReport } from '#shared/feeds';
import { BoardWriter } from '../board-core/board-writer.service';
import type { WriteContext } from '../board-core/write-context';
import { ApiException, invalidField } from '../common/api-exception';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDeparture, type ChangeBy } from '../departures/departure-rules';
import { cleanedTextProblem } from '../gtfs/feed-text';
import { GtfsError } from '../gtfs/gtfs-error';
import { readSchedule } from '../gtfs/read-schedule';
import type { GtfsSchedule, ImportProgress } from '../gtfs/schedule-types';
import { rowsForTrip } from '../gtfs/trip-rows';
import type { PendingChange } from '../store/append-changes';
import { BoardRepository } from '../store/board.repository';
import { routeStationsOf } from './feed-index';
import { FeedRegistry } from './feed-registry.service';
import { FeedsRepository } from './feeds.repository';
import { sameRow } from './row-diff';

/** Trips planned between yields to the event loop. */
const TRIPS_PER_YIELD = 200;

/** Which service days to import; both default (today in the agency's timezone, `GTFS_SERVICE_DAYS`). */
export interface ImportWindow {
  /** `YYYY-MM-DD`. */
  from?: string;
  days?: number;
}

/** Where a zip came from, for what the import keeps beside the schedule. */
export interface ImportSource {
  /** The validators of the fetched `scheduleUrl` answer, for the next conditional GET; an upload clears them. */
  validators?: { etag: string | null; lastModified: string | null };
  /** The zip is the one kept from the last import (the daily roll): not stored again, validators kept. */
  storedZip?: boolean;
}

/**
 * Imports a GTFS schedule into a feed's stations and departures. A re-import replaces the
 * schedule: runs no longer in it leave the boards, changed ones change, and each row keeps what
 * the realtime feed and the operators said about it (an operator's hold still holds).
 */
@Injectable()
export class ScheduleImportService {
  constructor(
    private readonly clock: Clock,
    private readonly boards: BoardRepository,
    private readonly feeds: FeedsRepository,
    private readonly writer: BoardWriter,
    private readonly registry: FeedRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(
    write: WriteContext,
    feedId: string,
    zip: Buffer,
    window: ImportWindow = {},
    onProgress?: ImportProgress,
    source: ImportSource = { validators: { etag: null, lastModified: null } },
  ): Promise<ScheduleImportReport> {
    const started = Date.now();
    const existing = await this.feeds.findFeed(feedId);
    const prefix = existing?.stationPrefix ?? feedId;
    const days = window.days ?? this.config.gtfsServiceDays;
    const schedule = await this.read(zip, { prefix, from: window.from?.replaceAll('-', '') ?? null, days, onProgress }).catch(
      async (error: unknown) => {
        if (error instanceof GtfsError)
          await this.feeds
            .recordSource(feedId, 'schedule', { ok: false, at: new Date().toISOString(), error: error.message })
            .catch(() => undefined);
        throw error instanceof GtfsError ? new ApiException(422, 'invalid_gtfs', error.message) : error;
      },
    );
    onProgress?.('storing', 0, null);
    const report = await this.writer.transact(write, async (_append, _appendAll, commit) => {
      const plan = await this.plan(feedId, schedule);
      const network = {
        stations: schedule.stations,
        stops: schedule.stops,
        routes: schedule.routes,
        routeStations: routeStationsOf(schedule.trips),
      };
      const feed = {
        id: feedId,
        name: existing?.name ?? schedule.agencyName,
        timezone: schedule.timezone,
        stationPrefix: prefix,
        network,
        scheduleVersion: schedule.version,
        scheduleValidity: schedule.validity && {
          from: schedule.validity.from && isoDate(schedule.validity.from),
          until: schedule.validity.until && isoDate(schedule.validity.until),
        },
        window: { from: isoDate(schedule.window.from), days: schedule.window.days },
        windowRolls: window.from === undefined,
        importedAt: new Date().toISOString(),
      };
      await commit((author) => this.feeds.saveSchedule({ feed, trips: schedule.trips, changes: plan.changes }, author));
      return { ...plan.counts, feed };
    });
    // Kept for the daily roll of the window: every instance can read it from the store.
    if (!source.storedZip) await this.feeds.saveScheduleZip(feedId, zip);
    await this.feeds.recordSource(feedId, 'schedule', {
      ok: true,
      at: report.feed.importedAt,
      dataAt: report.feed.importedAt,
      ...(source.storedZip ? {} : (source.validators ?? {})),
      stats: {
        stations: schedule.stations.length,
        routes: schedule.routes.length,
        trips: schedule.trips.length,
        ...report.rows,
        textsCleaned: schedule.textsCleaned,
      },
      problems: [cleanedTextProblem(schedule.textsCleaned), ...schedule.skipped.examples, ...schedule.grouped].flatMap((problem) =>
        problem ? [{ problem }] : [],
      ),
    });
    this.registry.forget(feedId);
    return {
      feedId,
      stations: schedule.stations.length,
      routes: schedule.routes.length,
      trips: schedule.trips.length,
      window: report.feed.window,
      rows: report.rows,
      overridesKept: report.overridesKept,
      textsCleaned: schedule.textsCleaned,
      durationMs: Date.now() - started,
      skipped: { rows: schedule.skipped.count, examples: schedule.skipped.examples },
      ...(schedule.trips.length === 0 ? { warning: emptyWindowWarning(schedule) } : {}),
    };
  }

  private async read(
    zip: Buffer,
    options: { prefix: string; from: string | null; days: number; onProgress?: ImportProgress },
  ): Promise<GtfsSchedule> {
    if (options.from !== null && !isRealDate(options.from)) throw invalidField('from', 'from must be a date such as 2026-11-23');
    return readSchedule(zip, {
      prefix: options.prefix,
      from: options.from,
      days: options.days,
      today: this.clock.now(),
      fileLimitBytes: this.config.gtfsFileLimitBytes,
      onProgress: options.onProgress,
    });
  }

  /** The board changes that turn the feed's current rows into the new schedule's. */
  private async plan(feedId: string, schedule: GtfsSchedule) {
    const now = this.clock.now();
    const by: ChangeBy = { name: feedId, source: 'feed' };
    const departedBefore = now.getTime() - this.config.departedGraceMinutes * 60_000;
    const names = new Map(schedule.stations.map((s) => [s.id, s.name]));
    const current = await this.currentRows(feedId, schedule);
    const changes: PendingChange[] = [];
    const rows = { created: 0, changed: 0, removed: 0, unchanged: 0 };
    let overridesKept = 0;
    const keep = new Set<string>();
    let planned = 0;
    for (const trip of schedule.trips) {
      // Tens of thousands of rows: let screens and health in between.
      if (++planned % TRIPS_PER_YIELD === 0) await yieldToEventLoop();
      for (const row of rowsForTrip(trip, (id) => names.get(id) ?? id)) {
        const key = `${row.stationId}\n${row.departureId}`;
        keep.add(key);
        const previous = current.get(key) ?? null;
        // A run that has already left would only be rolled off again at once.
        if (!previous && Date.parse(row.body.scheduledTime) < departedBefore) continue;
        const departure = buildWithRealtime(row.departureId, row.body, previous, now, by);
        if (previous && sameRow(previous, departure)) {
          rows.unchanged++;
          continue;
        }
        if (departure.override) overridesKept++;
        rows[previous ? 'changed' : 'created']++;
        changes.push({ stationId: row.stationId, change: { type: 'departure-set', departure }, before: previous });
      }
    }
    for (const [key, previous] of current) {
      if (keep.has(key)) continue;
      const [stationId] = key.split('\n');
      rows.removed++;
      changes.push({ stationId, change: { type: 'departure-removed', departureId: previous.id }, before: previous });
    }
    return { changes, counts: { rows, overridesKept } };
  }

  /** The rows the previous import made that are still on the boards, by station and id. */
  private async currentRows(feedId: string, schedule: GtfsSchedule): Promise<Map<string, Departure>> {
    const names = (id: string) => id;
    const wanted = new Set<string>();
    for (const trip of [...(await this.feeds.listTrips(feedId)), ...schedule.trips]) {
      for (const row of rowsForTrip(trip, names)) wanted.add(`${row.stationId}\n${row.departureId}`);
    }
    const rows = new Map<string, Departure>();
    const stations = new Set([...wanted].map((key) => key.split('\n')[0]));
    for (const stationId of stations) {
      const board = await this.boards.loadBoard(stationId);
      for (const departure of board?.departures ?? []) {
        const key = `${stationId}\n${departure.id}`;
        if (wanted.has(key)) rows.set(key, departure);
      }
    }
    return rows;
  }
}

/**
 * The timetable's row, keeping what is known in real time about it: the estimate, a platform
 * change, a cancellation. When the new timetable makes an old estimate implausible, the estimate goes.
 */
function buildWithRealtime(id: string, body: PutDepartureBody, previous: Departure | null, now: Date, by: ChangeBy): Departure {
  if (!previous) return buildDeparture(id, body, null, now, by);
  // Under an operator's hold the row shows the operator's values; the feed's own are kept beside them.
  const feed = previous.override?.feed;
  // Skipped stops and a shortened run are the realtime feed's, whoever holds the row.
  const facts = { skippedStops: previous.skippedStops, shortenedAt: previous.shortenedAt };
  const realtime: PutDepartureBody = feed
    ? {
        ...body,
        ...facts,
        expectedTime: feed.expectedTime,
        platform: feed.platform ?? body.platform,
        cancelled: feed.cancelled,
        cancelReason: feed.cancelReason,
        remarks: feed.remarks,
      }
    : {
        ...body,
        ...facts,
        expectedTime: previous.expectedTime,
        platform: previous.platform !== previous.scheduledPlatform ? previous.platform : body.platform,
        cancelled: previous.status === 'cancelled',
        cancelReason: previous.status === 'cancelled' ? previous.cancelReason : null,
        remarks: previous.remarks,
      };
  try {
    return buildDeparture(id, realtime, previous, now, by);
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    return buildDeparture(id, { ...realtime, expectedTime: null }, previous, now, by);
  }
}

function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const date = new Date(`${isoDate(yyyymmdd)}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate(yyyymmdd);
}

function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Why a window has no runs: most often a feed published for a season that is not today's. */
function emptyWindowWarning(schedule: GtfsSchedule): string {
  const day = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const { from, days } = schedule.window;
  const window = `the window ${day(from)} + ${days} day${days === 1 ? '' : 's'}`;
  if (!schedule.calendarRange)
    return "No trips were put on the boards: the feed's calendar has no service at all (calendar.txt, calendar_dates.txt)";
  const { first, last } = schedule.calendarRange;
  const outside = last < from || first > addDays(from, days - 1);
  return outside
    ? `No trips were put on the boards: this feed's calendar runs ${day(first)} to ${day(last)}; ${window} is outside it; import with from= (CLI: --from) a date in it`
    : `No trips were put on the boards: no service of this feed runs in ${window} (its calendar runs ${day(first)} to ${day(last)})`;
}

function addDays(serviceDate: string, days: number): string {
  const date = new Date(
    Date.UTC(Number(serviceDate.slice(0, 4)), Number(serviceDate.slice(4, 6)) - 1, Number(serviceDate.slice(6, 8)) + days),
  );
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}
