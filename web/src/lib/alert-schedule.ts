import type { AlertSeverity } from '#shared/board';

/** Banners on screen at once, severe ones aside: alerts share the screen with the departures. */
export const ALERT_BANNERS = 2;

/** One banner on screen: which alert, and which page of its text. */
export interface ShownAlert<T> {
  alert: T;
  /** 0-based page of the alert's text, of `pages`. */
  page: number;
  pages: number;
}

export interface AlertSchedule<T> {
  shown: ShownAlert<T>[];
  /** Current alerts not on screen at this turn: the board says how many more there are. */
  hidden: number;
}

/**
 * Which alerts are on screen at turn `turn`, and which page of each. `alerts` come most severe
 * first (see `currentAlerts`). Severe ones are always shown, each paging through its own text.
 * The others fill the banners left (at least one) and, when there are more of them than banners,
 * take turns there, in their order, so warnings come before info. An alert keeps its banner until
 * every page of its text has been shown: no word of it is skipped.
 */
export function scheduleAlerts<T extends { severity: AlertSeverity }>(
  alerts: readonly T[],
  pagesOf: (alert: T) => number,
  turn: number,
  banners = ALERT_BANNERS,
): AlertSchedule<T> {
  const at = Math.max(0, turn);
  const pages = (alert: T) => Math.max(1, Math.floor(pagesOf(alert)));
  const severe = alerts.filter((a) => a.severity === 'severe');
  const lower = alerts.filter((a) => a.severity !== 'severe');
  const lanes = lower.length === 0 ? 0 : Math.max(1, banners - severe.length);
  const still = (alert: T): ShownAlert<T> => ({ alert, pages: pages(alert), page: at % pages(alert) });
  const shown = lower.length <= lanes ? alerts.map(still) : [...severe.map(still), ...laneAlerts(lower, lanes, pages, at)];
  shown.sort((a, b) => alerts.indexOf(a.alert) - alerts.indexOf(b.alert));
  return { shown, hidden: alerts.length - shown.length };
}

/** Lane `j` holds every `lanes`-th alert from the `j`-th, and shows each for as many turns as it has pages. */
function laneAlerts<T>(lower: readonly T[], lanes: number, pages: (alert: T) => number, turn: number): ShownAlert<T>[] {
  const shown: ShownAlert<T>[] = [];
  for (let lane = 0; lane < lanes; lane++) {
    const own = lower.filter((_, i) => i % lanes === lane);
    let position = turn % own.reduce((sum, alert) => sum + pages(alert), 0);
    for (const alert of own) {
      if (position < pages(alert)) {
        shown.push({ alert, page: position, pages: pages(alert) });
        break;
      }
      position -= pages(alert);
    }
  }
  return shown;
}
