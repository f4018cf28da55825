import type { AlertSeverity } from '#shared/board';
import { cleanedTextProblem } from '../gtfs/feed-text';
import type { GtfsRoute, ScheduleIndex } from '../gtfs/schedule-types';
import { alertText } from '../gtfs-rt/alert-text';
import type { AlertPlan } from '../gtfs-rt/plan-alerts';
import { MAX_PROBLEMS } from '../gtfs-rt/trip-update-plan';
import type { LangText, SiriPeriod, SiriSituation } from './siri-delivery';
import { situationStations } from './situation-stations';

/** Alerts made from SIRI situations carry this prefix: `siri.<SituationNumber>.<n>`. */
export const SIRI_ALERT_PREFIX = 'siri.';
/** The API's longest alert id. */
const MAX_ALERT_ID = 120;
/** A situation with many windows (a weekly closure) needs only the next few on a board. */
const MAX_PERIODS = 10;

const SEVERITIES: Record<string, AlertSeverity> = {
  noImpact: 'info',
  verySlight: 'info',
  slight: 'info',
  normal: 'warning',
  severe: 'severe',
  verySevere: 'severe',
};

/** The alerts a SituationExchange delivery sets, and the situations whose earlier alerts it replaces or retracts. */
export interface SituationPlan extends AlertPlan {
  stats: AlertPlan['stats'] & { retracted: number };
  /** The situations the delivery names, closed or not, by `situationKey`: their alerts not in `alerts` are removed. */
  situations: Set<string>;
}

/**
 * Station alerts from SIRI situations: one per situation, station named in its Affects and window
 * still to come. The window is the validity period cut to the publication window; a situation that
 * is closed (`Progress` closed) or whose every window has ended puts nothing up, so its alerts are
 * retracted. Pure.
 */
export function planSituations(situations: SiriSituation[], index: ScheduleIndex, routes: GtfsRoute[], now: Date): SituationPlan {
  const plan: SituationPlan = {
    alerts: [],
    problems: [],
    situations: new Set(),
    stats: { alerts: 0, matchedAlerts: 0, unmatchedAlerts: 0, entities: 0, matchedEntities: 0, textsCleaned: 0, retracted: 0 },
  };
  const stats = plan.stats;
  for (const situation of situations) {
    const report = (problem: string) => {
      if (plan.problems.length < MAX_PROBLEMS)
        plan.problems.push({ entityId: situation.situationNumber || '(no SituationNumber)', problem });
    };
    stats.alerts += 1;
    if (situation.situationNumber === '') {
      stats.unmatchedAlerts += 1;
      report('the situation has no SituationNumber, so a later delivery could not update or close it');
      continue;
    }
    plan.situations.add(situationKey(situation.situationNumber));
    const windows = situation.progress === 'closed' ? [] : activeWindows(situation, now);
    if (windows.length === 0) {
      stats.retracted += 1;
      continue;
    }
    const found = situationStations(situation.affects, index, routes);
    stats.entities += found.entities;
    stats.matchedEntities += found.matchedEntities;
    if (found.stationIds.length === 0) {
      stats.unmatchedAlerts += 1;
      report(`the situation affects nothing in the imported schedule: ${found.unknown.join(', ') || 'no Affects'}`);
      continue;
    }
    const content = textOfSituation(situation);
    if (content === null) {
      stats.unmatchedAlerts += 1;
      report('the situation has no Summary or Description text');
      continue;
    }
    stats.matchedAlerts += 1;
    const { cleaned, ...text } = content;
    stats.textsCleaned += cleaned;
    const severity = severityOf(situation);
    for (const window of windows) {
      const alertId = alertIdFor(situation.situationNumber, window.n);
      for (const stationId of found.stationIds)
        plan.alerts.push({ stationId, alertId, severity, ...text, validFrom: window.from, validUntil: window.until });
    }
  }
  const cleanedProblem = cleanedTextProblem(stats.textsCleaned);
  if (cleanedProblem) plan.problems.unshift({ problem: cleanedProblem });
  return plan;
}

/** Validity periods (none: always) cut to the publication window, those not yet over. */
function activeWindows(situation: SiriSituation, now: Date): Array<{ n: number; from: string | null; until: string | null }> {
  const periods: SiriPeriod[] = situation.validity.length > 0 ? situation.validity : [{}];
  const publication = situation.publicationWindow[0] ?? {};
  return periods
    .map((p, n) => ({ n, from: later(p.start, publication.start), until: earlier(p.end, publication.end) }))
    .filter((w) => (w.until === null || Date.parse(w.until) > now.getTime()) && !(w.from && w.until && w.from >= w.until))
    .slice(0, MAX_PERIODS);
}

function later(a: string | undefined, b: string | undefined): string | null {
  return a === undefined ? (b ?? null) : b === undefined || a > b ? a : b;
}

function earlier(a: string | undefined, b: string | undefined): string | null {
  return a === undefined ? (b ?? null) : b === undefined || a < b ? a : b;
}

/** `Severity` when it says something, else `Priority` (1 is the most urgent), else a notice. */
function severityOf(situation: SiriSituation): AlertSeverity {
  const severity = situation.severity === undefined ? undefined : SEVERITIES[situation.severity];
  if (severity) return severity;
  if (situation.priority === undefined) return 'info';
  return situation.priority <= 1 ? 'severe' : situation.priority <= 3 ? 'warning' : 'info';
}

/**
 * The board text per language: the summary, then the reason and the description when given, as
 * GTFS-Realtime alerts' texts are picked and cleaned (untagged first, else English, else the first).
 */
function textOfSituation(situation: SiriSituation) {
  const languages = [...new Set([...situation.summary, ...situation.reason, ...situation.description].map((t) => t.lang))];
  const translation = languages
    .map((lang) => ({
      language: lang || undefined,
      text: joined([situation.summary, situation.reason, situation.description].map((texts) => inLanguage(texts, lang))),
    }))
    .filter((t) => t.text !== '');
  return alertText({ activePeriod: [], informedEntity: [], headerText: { translation } });
}

function inLanguage(texts: LangText[], lang: string): string {
  return texts.find((t) => t.lang === lang)?.text ?? '';
}

/** Sentences in a row, each ended with a full stop unless it has its own. */
function joined(parts: string[]): string {
  return parts
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p, i, all) => (i < all.length - 1 && !/[.!?:;]$/.test(p) ? `${p}.` : p))
    .join(' ');
}

/** `siri.<SituationNumber>.<n>` in the API's id alphabet; a long number is shortened, never the suffix. */
export function alertIdFor(situationNumber: string, n: number): string {
  return `${SIRI_ALERT_PREFIX}${situationKey(situationNumber)}.${n}`;
}

/** A SituationNumber in the API's id alphabet, short enough for any period suffix. */
export function situationKey(situationNumber: string): string {
  return situationNumber.replace(/[^A-Za-z0-9._:~-]/g, '_').slice(0, MAX_ALERT_ID - SIRI_ALERT_PREFIX.length - '.999'.length);
}

/** The situation an alert id of ours was made for, so a later delivery can replace or retract it; `null` for other alerts. */
export function situationOfAlert(alertId: string): string | null {
  if (!alertId.startsWith(SIRI_ALERT_PREFIX)) return null;
  return alertId.slice(SIRI_ALERT_PREFIX.length, alertId.lastIndexOf('.'));
}
