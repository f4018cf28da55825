import type { Kysely, Selectable } from 'kysely';
import type { FeedError, FeedProblem, FeedSourceKind } from '#shared/feeds';
import {
  type FeedNetwork,
  type FeedRecord,
  FeedsRepository,
  type FeedSourceRecord,
  type FeedSourcesConfig,
  type PrincipalRef,
  pushError,
  type ScheduleWrite,
  type SourceOutcome,
} from '../feeds/feeds.repository';
import type { ScheduledTrip } from '../gtfs/schedule-types';
import { appendChanges } from './append-changes';
import type { ChangeAuthor, StoredEvent } from './board.repository';
import type { Database, FeedSourceTable, FeedTable } from './database';

/** Rows per multi-row insert: well under the engines' limits on bound values. */
const CHUNK = 200;

/** Feeds on any SQL engine Kysely speaks to. */
export class KyselyFeedsRepository extends FeedsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly epoch: string,
  ) {
    super();
  }

  async listFeeds(): Promise<FeedRecord[]> {
    const rows = await this.db.selectFrom('feeds').selectAll().orderBy('id').execute();
    return rows.map(toFeed);
  }

  async findFeed(feedId: string): Promise<FeedRecord | null> {
    const row = await this.db.selectFrom('feeds').selectAll().where('id', '=', feedId).executeTakeFirst();
    return row ? toFeed(row) : null;
  }

  async stationCount(feedId: string): Promise<number> {
    const row = await this.db
      .selectFrom('stations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('feed_id', '=', feedId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listTrips(feedId: string): Promise<ScheduledTrip[]> {
    const rows = await this.db.selectFrom('feed_trips').select('trip').where('feed_id', '=', feedId).execute();
    return rows.map((r) => JSON.parse(r.trip) as ScheduledTrip);
  }

  async findTrips(feedId: string, tripIds: string[]): Promise<ScheduledTrip[]> {
    const trips: ScheduledTrip[] = [];
    const ids = [...new Set(tripIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('feed_trips')
        .select('trip')
        .where('feed_id', '=', feedId)
        .where('trip_id', 'in', ids.slice(i, i + CHUNK))
        .orderBy('service_date')
        .execute();
      for (const r of rows) trips.push(JSON.parse(r.trip) as ScheduledTrip);
    }
    return trips;
  }

  async saveSchedule(write: ScheduleWrite, author: ChangeAuthor): Promise<StoredEvent[]> {
    const now = new Date().toISOString();
    const { feed } = write;
    return this.db.transaction().execute(async (trx) => {
      const values = {
        name: feed.name,
        timezone: feed.timezone,
        station_prefix: feed.stationPrefix,
        network: JSON.stringify(feed.network),
        schedule_version: feed.scheduleVersion,
        schedule_validity: feed.scheduleValidity ? JSON.stringify(feed.scheduleValidity) : null,
        window_from: feed.window?.from ?? null,
        window_days: feed.window?.days ?? null,
        window_rolls: feed.windowRolls ? 1 : 0,
        imported_at: feed.importedAt,
        updated_at: now,
      };
      await trx
        .insertInto('feeds')
        .values({ id: feed.id, ...values, trip_updates_url: null, alerts_url: null, poll_seconds: 30, created_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      for (let i = 0; i < feed.network.stations.length; i += CHUNK) {
        const rows = feed.network.stations.slice(i, i + CHUNK).map((s) => ({
          id: s.id,
          name: s.name,
          timezone: s.timezone,
          language: s.language ?? null,
          feed_id: feed.id,
          created_at: now,
          updated_at: now,
        }));
        await trx
          .insertInto('stations')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              timezone: eb.ref('excluded.timezone'),
              language: eb.ref('excluded.language'),
              feed_id: eb.ref('excluded.feed_id'),
              updated_at: now,
            })),
          )
          .execute();
      }
      await trx.deleteFrom('feed_trips').where('feed_id', '=', feed.id).execute();
      for (let i = 0; i < write.trips.length; i += CHUNK) {
        const rows = write.trips
          .slice(i, i + CHUNK)
          .map((t) => ({ feed_id: feed.id, trip_id: t.tripId, service_date: t.serviceDate, trip: JSON.stringify(t) }));
        await trx.insertInto('feed_trips').values(rows).execute();
      }
      return appendChanges(trx, this.epoch, write.changes, author);
    });
  }

  async saveSources(feedId: string, config: FeedSourcesConfig): Promise<void> {
    await this.db
      .updateTable('feeds')
      .set({
        name: config.name,
        trip_updates_url: config.tripUpdatesUrl,
        alerts_url: config.alertsUrl,
        siri_et_url: config.siriEtUrl,
        siri_sx_url: config.siriSxUrl,
        ...(config.scheduleUrl !== undefined ? { schedule_url: config.scheduleUrl } : {}),
        poll_seconds: config.pollSeconds,
        request_headers: Object.keys(config.headers).length > 0 ? JSON.stringify(config.headers) : null,
        configured_by: config.configuredBy && JSON.stringify(config.configuredBy),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', feedId)
      .execute();
  }

  async saveScheduleZip(feedId: string, zip: Buffer): Promise<void> {
    const row = { feed_id: feedId, zip, saved_at: new Date().toISOString() };
    await this.db
      .insertInto('feed_schedule_zips')
      .values(row)
      .onConflict((oc) => oc.column('feed_id').doUpdateSet({ zip: row.zip, saved_at: row.saved_at }))
      .execute();
  }

  async loadScheduleZip(feedId: string): Promise<Buffer | null> {
    const row = await this.db.selectFrom('feed_schedule_zips').select('zip').where('feed_id', '=', feedId).executeTakeFirst();
    return row ? Buffer.from(row.zip) : null;
  }

  async listSources(feedId: string): Promise<FeedSourceRecord[]> {
    const rows = await this.db.selectFrom('feed_sources').selectAll().where('feed_id', '=', feedId).orderBy('kind').execute();
    return rows.map(toSource);
  }

  async recordSource(feedId: string, kind: FeedSourceKind, outcome: SourceOutcome): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('feed_sources')
        .selectAll()
        .where('feed_id', '=', feedId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      const current = row ? toSource(row) : null;
      const next: FeedSourceTable = {
        feed_id: feedId,
        kind,
        last_attempt_at: outcome.at,
        last_success_at: outcome.ok ? outcome.at : (current?.lastSuccessAt ?? null),
        data_at: current?.dataAt ?? null,
        stats: current?.stats ? JSON.stringify(current.stats) : null,
        problems: JSON.stringify(current?.problems ?? []),
        errors: JSON.stringify(
          outcome.ok ? (current?.errors ?? []) : pushError(current?.errors ?? [], { at: outcome.at, message: outcome.error }),
        ),
        etag: current?.etag ?? null,
        last_modified: current?.lastModified ?? null,
      };
      if (outcome.ok && !('notModified' in outcome)) {
        next.data_at = outcome.dataAt;
        next.stats = JSON.stringify(outcome.stats);
        next.problems = JSON.stringify(outcome.problems);
        if (outcome.etag !== undefined) next.etag = outcome.etag;
        if (outcome.lastModified !== undefined) next.last_modified = outcome.lastModified;
      }
      const { feed_id: _f, kind: _k, ...set } = next;
      await trx
        .insertInto('feed_sources')
        .values(next)
        .onConflict((oc) => oc.columns(['feed_id', 'kind']).doUpdateSet(set))
        .execute();
    });
  }
}

function toFeed(row: Selectable<FeedTable>): FeedRecord {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    stationPrefix: row.station_prefix,
    network: JSON.parse(row.network) as FeedNetwork,
    scheduleVersion: row.schedule_version,
    scheduleValidity: row.schedule_validity ? (JSON.parse(row.schedule_validity) as FeedRecord['scheduleValidity']) : null,
    window: row.window_from !== null && row.window_days !== null ? { from: row.window_from, days: Number(row.window_days) } : null,
    windowRolls: Number(row.window_rolls) === 1,
    importedAt: row.imported_at,
    tripUpdatesUrl: row.trip_updates_url,
    alertsUrl: row.alerts_url,
    siriEtUrl: row.siri_et_url,
    siriSxUrl: row.siri_sx_url,
    scheduleUrl: row.schedule_url ?? null,
    pollSeconds: Number(row.poll_seconds),
    headers: row.request_headers ? (JSON.parse(row.request_headers) as Record<string, string>) : {},
    configuredBy: row.configured_by ? (JSON.parse(row.configured_by) as PrincipalRef) : null,
  };
}

function toSource(row: Selectable<FeedSourceTable>): FeedSourceRecord {
  return {
    kind: row.kind as FeedSourceKind,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    dataAt: row.data_at,
    stats: row.stats === null ? null : (JSON.parse(row.stats) as Record<string, number>),
    problems: JSON.parse(row.problems) as FeedProblem[],
    errors: JSON.parse(row.errors) as FeedError[],
    etag: row.etag,
    lastModified: row.last_modified,
  };
}
