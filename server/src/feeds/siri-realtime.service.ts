import { Injectable } from '@nestjs/common';
import type { FeedSourceKind, RealtimeReport } from '#shared/feeds';
import type { WriteContext } from '../board-core/write-context';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { FeedError } from '../gtfs-rt/feed-error';
import { planEstimatedTimetable } from '../siri/plan-estimated-timetable';
import { planSituations, situationOfAlert } from '../siri/plan-situations';
import { readDelivery } from '../siri/read-delivery';
import type { SiriDelivery } from '../siri/siri-delivery';
import type { FeedActor } from './feed-permissions';
import { FeedRegistry } from './feed-registry.service';
import { FeedsRepository } from './feeds.repository';
import { type PulledFrom, RealtimeService } from './realtime.service';

/**
 * Applies SIRI deliveries to a feed's boards through the same plans, writer, permissions and
 * health as GTFS-Realtime: EstimatedTimetable as trip changes (health source `siri-et`),
 * SituationExchange as station alerts (`siri-sx`).
 */
@Injectable()
export class SiriRealtimeService {
  constructor(
    private readonly clock: Clock,
    private readonly feeds: FeedsRepository,
    private readonly registry: FeedRegistry,
    private readonly realtime: RealtimeService,
  ) {}

  /**
   * Reads and applies one SIRI document as `actor`. A body that is not SIRI XML (or is hostile XML)
   * is a 400 naming the cause and changes nothing; it is recorded in the health of the source it was for.
   */
  async apply(write: WriteContext, feedId: string, body: Buffer, actor: FeedActor, pulled?: PulledFrom): Promise<RealtimeReport> {
    const { feed, index } = await this.registry.get(feedId);
    const delivery = await this.read(feedId, body, pulled?.kind);
    const now = this.clock.now();
    const journeys = delivery.journeys ?? [];
    const scheduleIndex = index.withTrips(
      await this.feeds.findTrips(
        feedId,
        journeys.flatMap((j) => (j.journeyRef ? [j.journeyRef] : [])),
      ),
    );
    // Journeys whose ref is no trip_id are matched by line, origin and aimed time: against every run.
    const byLine = journeys.some((j) => !j.extra && !(j.journeyRef && scheduleIndex.trips(j.journeyRef).length > 0));
    const lineRuns = byLine ? await this.feeds.listTrips(feedId) : null;
    const referenceMs = delivery.responseTimestamp ? Date.parse(delivery.responseTimestamp) : now.getTime();
    const trips = delivery.journeys ? planEstimatedTimetable(delivery.journeys, scheduleIndex, lineRuns, referenceMs) : null;
    const alerts = delivery.situations ? planSituations(delivery.situations, scheduleIndex, index.network.routes, now) : null;
    // A pulled SIRI Lite delivery is the producer's whole current list; a pushed one speaks for the situations it names.
    const whole = pulled?.kind === 'siri-sx';
    const planned = new Set(alerts?.alerts.map((a) => `${a.stationId}\n${a.alertId}`));
    const replacesAlert = (stationId: string, alertId: string) => {
      const situation = situationOfAlert(alertId);
      if (situation === null || planned.has(`${stationId}\n${alertId}`)) return false;
      return whole || (alerts?.situations.has(situation) ?? false);
    };
    return this.realtime.applyPlans(
      write,
      feedId,
      {
        trips,
        tripStats: trips ? { matchedByLine: trips.matchedByLine } : undefined,
        alerts,
        alertStations: alerts && (whole || alerts.situations.size > 0) ? feed.network.stations.map((s) => s.id) : [],
        replacesAlert,
        dataAt: delivery.responseTimestamp,
        size: journeys.length + (delivery.situations?.length ?? 0),
        sources: { trips: 'siri-et', alerts: 'siri-sx' },
      },
      actor,
      pulled,
    );
  }

  private async read(feedId: string, body: Buffer, kind: FeedSourceKind | undefined): Promise<SiriDelivery> {
    try {
      return readDelivery(body);
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      // A pushed body that cannot be read is put down to the delivery it seems to be.
      const source = kind ?? (body.includes('SituationExchange') ? 'siri-sx' : 'siri-et');
      await this.feeds.recordSource(feedId, source, { ok: false, at: new Date().toISOString(), error: error.message });
      throw new ApiException(400, 'invalid_feed', error.message);
    }
  }
}
