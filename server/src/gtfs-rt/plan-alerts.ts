import type { AlertSeverity } from '#shared/board';
import { cleanedTextProblem } from '../gtfs/feed-text';
import type { ScheduleIndex } from '../gtfs/schedule-types';
import { describeSelector, stationsOf } from './alert-stations';
import { alertSeverity, alertText } from './alert-text';
import type { FeedAlert, FeedMessage, TimeRange } from './feed-message';
import { isoFromSeconds } from './feed-time';
import { MAX_PROBLEMS } from './trip-update-plan';

/** A recurring alert (a weekday closure) may list hundreds of periods; the boards only need the next few. */
const MAX_PERIODS = 10;
/** The API's longest alert id. */
const MAX_ALERT_ID = 120;

/** One alert for one station and one of its active periods, ready to be set on that board. */
export interface PlannedAlert {
  stationId: string;
  /** Stable across messages: `gtfs.<entityId>.<n>`, `n` the period's position in the feed's list. */
  alertId: string;
  severity: AlertSeverity;
  text: string;
  translations: Record<string, string>;
  validFrom: string | null;
  validUntil: string | null;
}

/** What a ServiceAlerts message puts on the boards, and how much of it reached a known station. */
export interface AlertPlan {
  alerts: PlannedAlert[];
  stats: {
    alerts: number;
    matchedAlerts: number;
    unmatchedAlerts: number;
    entities: number;
    matchedEntities: number;
    textsCleaned: number;
  };
  /** Per entity, what did not match; first, without an entity, how many texts were cleaned. */
  problems: Array<{ entityId?: string; problem: string }>;
}

/**
 * The station alerts a GTFS-Realtime ServiceAlerts message means: one per alert, informed station
 * and active period still to come. Pure; periods that ended before `now` are left out.
 */
export function planAlerts(feed: FeedMessage, index: ScheduleIndex, now: Date): AlertPlan {
  const plan: AlertPlan = {
    alerts: [],
    problems: [],
    stats: { alerts: 0, matchedAlerts: 0, unmatchedAlerts: 0, entities: 0, matchedEntities: 0, textsCleaned: 0 },
  };
  const report = (entityId: string, problem: string) => {
    if (plan.problems.length < MAX_PROBLEMS) plan.problems.push({ entityId, problem });
  };
  for (const entity of feed.entity) {
    if (entity.isDeleted || !entity.alert) continue;
    plan.stats.alerts += 1;
    const stationIds = informedStations(entity.alert, index, plan.stats, (problem) => report(entity.id, problem));
    const content = stationIds.length === 0 ? null : alertText(entity.alert);
    if (content === null) {
      plan.stats.unmatchedAlerts += 1;
      if (stationIds.length > 0) report(entity.id, 'the alert has no header or description text');
      continue;
    }
    plan.stats.matchedAlerts += 1;
    const { cleaned, ...text } = content;
    plan.stats.textsCleaned += cleaned;
    const severity = alertSeverity(entity.alert);
    for (const period of activePeriods(entity.alert.activePeriod, now)) {
      const alertId = alertIdFor(entity.id, period.n);
      for (const stationId of stationIds)
        plan.alerts.push({ stationId, alertId, severity, ...text, validFrom: period.from, validUntil: period.until });
    }
  }
  const cleanedProblem = cleanedTextProblem(plan.stats.textsCleaned);
  if (cleanedProblem) plan.problems.unshift({ problem: cleanedProblem });
  return plan;
}

/** The stations every informed entity reaches, counting them; reports an alert that reaches none. */
function informedStations(alert: FeedAlert, index: ScheduleIndex, stats: AlertPlan['stats'], report: (problem: string) => void): string[] {
  const stations = new Set<string>();
  const unknown: string[] = [];
  for (const selector of alert.informedEntity) {
    stats.entities += 1;
    const found = stationsOf(selector, index);
    if (found.length === 0) unknown.push(describeSelector(selector));
    else stats.matchedEntities += 1;
    found.forEach((id) => stations.add(id));
  }
  if (stations.size === 0) report(`the alert informs nothing in the imported schedule: ${unknown.join(', ') || 'no informed entities'}`);
  return [...stations];
}

/** Periods not yet over, with their position in the feed's list (for a stable id); none given means always. */
function activePeriods(ranges: TimeRange[], now: Date): Array<{ n: number; from: string | null; until: string | null }> {
  if (ranges.length === 0) return [{ n: 0, from: null, until: null }];
  return ranges
    .map((range, n) => ({ n, from: range.start ? isoFromSeconds(range.start) : null, until: range.end ? isoFromSeconds(range.end) : null }))
    .filter((period) => period.until === null || Date.parse(period.until) > now.getTime())
    .slice(0, MAX_PERIODS);
}

/** `gtfs.<entityId>.<n>` in the API's id alphabet; a long entity id is shortened, never the period suffix. */
function alertIdFor(entityId: string, n: number): string {
  const suffix = `.${n}`;
  const safe = entityId.replace(/[^A-Za-z0-9._:~-]/g, '_').slice(0, MAX_ALERT_ID - 'gtfs.'.length - suffix.length);
  return `gtfs.${safe}${suffix}`;
}
