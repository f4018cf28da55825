import { Injectable } from '@nestjs/common';
import type { Alert, Departure } from '#shared/board';
import type { FeedProblem, FeedSourceKind, RealtimeReport } from '#shared/feeds';
import { BoardWriter } from '../board-core/board-writer.service';
import type { WriteContext } from '../board-core/write-context';
import { ApiException, forbidden } from '../common/api-exception';
import { Clock } from '../common/clock';
import { buildDeparture, type ChangeBy } from '../departures/departure-rules';
import { decodeFeed } from '../gtfs-rt/decode-feed';
import { FeedError } from '../gtfs-rt/feed-error';
import type { FeedMessage } from '../gtfs-rt/feed-message';
import { type AlertPlan, planAlerts } from '../gtfs-rt/plan-alerts';
import { planTripUpdates, type RowRealtime, type TripUpdatePlan } from '../gtfs-rt/plan-trip-updates';
import type { PendingChange } from '../store/append-changes';
import { BoardRepository } from '../store/board.repository';
import { describeRefusal, type FeedActor, permittedChanges, type RefusedChanges } from './feed-permissions';
import { FeedRegistry } from './feed-registry.service';
import { FeedsRepository } from './feeds.repository';
import { EMPTY_TRIPS, type RealtimePlans } from './realtime-plans';
import { sameRow } from './row-diff';

/** For a pulled message: which source it came from, and the response's validators for the next conditional request. */
export interface PulledFrom {
  kind: FeedSourceKind;
  validators: { etag: string | null; lastModified: string | null };
}

/** Alerts a feed made carry this id prefix, so a full dataset can clear the ones it no longer has. */
const FEED_ALERT_PREFIX = 'gtfs.';

/** The rows and alerts of the stations a message touches, read once per message. */
class Boards {
  private readonly loaded = new Map<string, { departures: Map<string, Departure>; alerts: Map<string, Alert> } | null>();

  constructor(private readonly repository: BoardRepository) {}

  async of(stationId: string) {
    if (!this.loaded.has(stationId)) {
      const board = await this.repository.loadBoard(stationId);
      this.loaded.set(
        stationId,
        board && { departures: new Map(board.departures.map((d) => [d.id, d])), alerts: new Map(board.alerts.map((a) => [a.id, a])) },
      );
    }
    return this.loaded.get(stationId)!;
  }
}

/**
 * Applies GTFS-Realtime messages to a feed's boards: TripUpdates move, cancel and add departures;
 * Alerts land on the stations they inform. Rows that would not change are not written, and an
 * operator's hold still holds (the feed's values are kept beside it as the conflict).
 */
@Injectable()
export class RealtimeService {
  constructor(
    private readonly clock: Clock,
    private readonly boards: BoardRepository,
    private readonly feeds: FeedsRepository,
    private readonly writer: BoardWriter,
    private readonly registry: FeedRegistry,
  ) {}

  /**
   * Decodes and applies one message as `actor`: each change needs its permission at its station
   * (TripUpdates `departures`, Alerts `alerts`), and what is refused is reported. A bad body is a
   * 400 naming the problem, a message of which nothing may be applied a 403; both are recorded in the feed's health.
   */
  async apply(write: WriteContext, feedId: string, body: Buffer, actor: FeedActor, pulled?: PulledFrom): Promise<RealtimeReport> {
    const { feed, index } = await this.registry.get(feedId);
    let message: FeedMessage;
    try {
      message = decodeFeed(body);
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      await this.feeds.recordSource(feedId, pulled?.kind ?? 'trip-updates', {
        ok: false,
        at: new Date().toISOString(),
        error: error.message,
      });
      throw new ApiException(400, 'invalid_feed', error.message);
    }
    const now = this.clock.now();
    const tripIds = message.entity.flatMap((e) => (e.tripUpdate?.trip?.tripId ? [e.tripUpdate.trip.tripId] : []));
    const alertTripIds = message.entity.flatMap((e) =>
      (e.alert?.informedEntity ?? []).flatMap((ie) => (ie.trip?.tripId ? [ie.trip.tripId] : [])),
    );
    const scheduleIndex = index.withTrips(await this.feeds.findTrips(feedId, [...tripIds, ...alertTripIds]));
    const hasTrips = tripIds.length > 0 || message.entity.some((e) => e.tripUpdate);
    const hasAlerts = message.entity.some((e) => e.alert);
    const fullDataset = (message.header.incrementality ?? 'FULL_DATASET') === 'FULL_DATASET';
    const alerts = hasAlerts ? planAlerts(message, scheduleIndex, now) : null;
    const planned = new Set(alerts?.alerts.map((a) => `${a.stationId}\n${a.alertId}`));
    return this.applyPlans(
      write,
      feedId,
      {
        // A message with only alerts says nothing about trips: their health is left as it was.
        trips: hasTrips || !hasAlerts ? planTripUpdates(message, scheduleIndex, now) : null,
        alerts,
        alertStations: fullDataset ? feed.network.stations.map((s) => s.id) : (alerts?.alerts.map((a) => a.stationId) ?? []),
        replacesAlert: (stationId, alertId) => alertId.startsWith(FEED_ALERT_PREFIX) && !planned.has(`${stationId}\n${alertId}`),
        dataAt: message.header.timestamp ? new Date(message.header.timestamp * 1000).toISOString() : null,
        size: message.entity.length,
        sources: { trips: 'trip-updates', alerts: 'alerts' },
      },
      actor,
      pulled,
    );
  }

  /**
   * Applies plans made from one message (GTFS-Realtime or SIRI) as `actor`, in one transaction: each
   * change needs its permission at its station, what is refused is reported, and the match report
   * lands in the health of the plans' sources. Nothing permitted at all is a 403.
   */
  async applyPlans(
    write: WriteContext,
    feedId: string,
    plans: RealtimePlans,
    actor: FeedActor,
    pulled?: PulledFrom,
  ): Promise<RealtimeReport> {
    const { feed } = await this.registry.get(feedId);
    const now = this.clock.now();
    const trips = plans.trips ?? EMPTY_TRIPS;
    const alerts = plans.alerts;
    const by: ChangeBy = { name: feedId, source: 'feed' };
    const { rows, refused } = await this.writer.transact(
      write,
      async (_append, appendAll) => {
        const boards = new Boards(this.boards);
        const changes = [
          ...(await this.departureChanges(trips, boards, now, by)),
          ...(alerts ? await this.alertChanges(alerts, boards, plans.alertStations, plans.replacesAlert, now) : []),
        ];
        const { allowed, refused } = permittedChanges(changes, actor);
        // Nothing it may change: refused whole, as the alerts and departures routes would refuse it.
        if (allowed.length === 0 && refused.length > 0) return { rows: null, refused };
        await appendAll(allowed.map(({ stationId, change }) => ({ stationId, change })));
        return {
          rows: {
            changed: allowed.length,
            unchanged: trips.rows.length + trips.added.length - changes.filter((c) => c.change.type === 'departure-set').length,
          },
          refused,
        };
      },
      plans.size,
    );
    if (rows === null) return this.refuseWhole(feedId, refused, actor, plans.sources);
    const at = new Date().toISOString();
    const tripProblems: FeedProblem[] = [...refusalProblems(refused, 'departures', actor), ...trips.problems].slice(0, 200);
    const alertProblems: FeedProblem[] = alerts ? [...refusalProblems(refused, 'alerts', actor), ...alerts.problems].slice(0, 200) : [];
    const refusedCount = (permission: 'departures' | 'alerts') =>
      refused.filter((r) => r.permission === permission).reduce((n, r) => n + r.count, 0);
    const tripStats = { ...trips.stats, ...plans.tripStats, refusedChanges: refusedCount('departures') };
    const alertStats = alerts ? { ...alerts.stats, refusedChanges: refusedCount('alerts') } : null;
    const dataAt = plans.dataAt;
    const problems: FeedProblem[] = [...tripProblems, ...alertProblems].slice(0, 200);
    const validators = (kind: FeedSourceKind) => (pulled?.kind === kind ? pulled.validators : {});
    if (plans.trips) {
      const kind = plans.sources.trips;
      await this.feeds.recordSource(feedId, kind, { ok: true, at, dataAt, stats: tripStats, problems: tripProblems, ...validators(kind) });
    }
    if (alerts && alertStats) {
      const kind = plans.sources.alerts;
      await this.feeds.recordSource(feedId, kind, {
        ok: true,
        at,
        dataAt,
        stats: alertStats,
        problems: alertProblems,
        ...validators(kind),
      });
    }
    this.registry.noteData(feedId, feed.name, dataAt);
    const stats = { ...tripStats, ...(alertStats ? prefixed('alerts', alertStats) : {}) };
    return { feedId, dataAt, rows, stats, problems };
  }

  /** A 403 saying what was refused where, kept in the health of the source it concerns. */
  private async refuseWhole(
    feedId: string,
    refused: RefusedChanges[],
    actor: FeedActor,
    sources: RealtimePlans['sources'],
  ): Promise<never> {
    const message = `Nothing in the message may be applied: ${refused
      .slice(0, 5)
      .map((r) => describeRefusal(r, actor))
      .join('; ')}${refused.length > 5 ? `; and ${refused.length - 5} more` : ''}`;
    const kind = refused.some((r) => r.permission === 'departures') ? sources.trips : sources.alerts;
    await this.feeds.recordSource(feedId, kind, { ok: false, at: new Date().toISOString(), error: message });
    throw forbidden(message);
  }

  private async departureChanges(plan: TripUpdatePlan, boards: Boards, now: Date, by: ChangeBy): Promise<PendingChange[]> {
    const changes: PendingChange[] = [];
    for (const row of plan.rows) {
      const current = (await boards.of(row.stationId))?.departures.get(row.departureId);
      // A run that already left the board (rolled off) is not brought back by a late update.
      if (!current) continue;
      const next = withRealtime(current, row, now, by);
      if (next && !sameRow(current, next))
        changes.push({ stationId: row.stationId, change: { type: 'departure-set', departure: next }, before: current });
    }
    for (const row of plan.added) {
      const board = await boards.of(row.stationId);
      if (!board) continue;
      const current = board.departures.get(row.departureId) ?? null;
      const next = tryBuild(row.departureId, row.body, current, now, by);
      if (next && !(current && sameRow(current, next)))
        changes.push({ stationId: row.stationId, change: { type: 'departure-set', departure: next }, before: current });
    }
    return changes;
  }

  /** Sets the planned alerts, and clears the alerts at `stationIds` the message replaces. */
  private async alertChanges(
    plan: AlertPlan,
    boards: Boards,
    stationIds: string[],
    replaces: RealtimePlans['replacesAlert'],
    now: Date,
  ): Promise<PendingChange[]> {
    const changes: PendingChange[] = [];
    for (const a of plan.alerts) {
      const board = await boards.of(a.stationId);
      if (!board) continue;
      const current = board.alerts.get(a.alertId) ?? null;
      const alert: Alert = {
        id: a.alertId,
        severity: a.severity,
        text: a.text,
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        createdAt: current?.createdAt ?? now.toISOString(),
        ...(Object.keys(a.translations).length > 0 ? { translations: a.translations } : {}),
      };
      if (current && JSON.stringify(current) === JSON.stringify(alert)) continue;
      changes.push({ stationId: a.stationId, change: { type: 'alert-set', alert }, before: current });
    }
    for (const stationId of new Set(stationIds)) {
      const board = await boards.of(stationId);
      for (const alert of board?.alerts.values() ?? []) {
        if (replaces(stationId, alert.id)) {
          changes.push({ stationId, change: { type: 'alert-cleared', alertId: alert.id }, before: alert });
        }
      }
    }
    return changes;
  }
}

/** The row with the feed's realtime values; `null` when the board would refuse them. */
function withRealtime(current: Departure, row: RowRealtime, now: Date, by: ChangeBy): Departure | null {
  const body = {
    kind: current.kind,
    line: current.line,
    lineColor: current.lineColor,
    destination: current.destination,
    origin: current.origin,
    via: current.via,
    trainNumber: current.trainNumber,
    skippedStops: row.skippedStops,
    shortenedAt: row.shortenedAt,
    replacement: current.replacement,
    headwayMinutes: current.headwayMinutes ?? null,
    scheduledTime: current.scheduledTime,
    scheduledPlatform: current.scheduledPlatform,
    expectedTime: row.expectedTime,
    platform: row.platform === undefined ? current.scheduledPlatform : row.platform,
    cancelled: row.cancelled,
    cancelReason: row.cancelled ? row.cancelReason : null,
    remarks: current.override ? (current.override.feed?.remarks ?? []) : current.remarks,
  };
  return tryBuild(current.id, body, current, now, by);
}

function tryBuild(
  id: string,
  body: Parameters<typeof buildDeparture>[1],
  current: Departure | null,
  now: Date,
  by: ChangeBy,
): Departure | null {
  try {
    return buildDeparture(id, body, current, now, by);
  } catch (error) {
    if (error instanceof ApiException) return null;
    throw error;
  }
}

/** One problem per station and kind refused, first in the report: a feed sender needs to see them before any mismatch. */
function refusalProblems(refused: RefusedChanges[], permission: 'departures' | 'alerts', actor: FeedActor): FeedProblem[] {
  return refused.filter((r) => r.permission === permission).map((r) => ({ problem: describeRefusal(r, actor) }));
}

function prefixed(prefix: string, stats: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).map(([k, v]) => [`${prefix}.${k}`, v]));
}
