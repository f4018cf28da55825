import type { Alert, AlertSeverity } from '#shared/board';

const RANK: Record<AlertSeverity, number> = { severe: 0, warning: 1, info: 2 };

/**
 * The alerts to show at `timeMs` (the server-corrected clock), most severe first. Alerts carry
 * their own validity window and the server keeps them until they are cleared, so a screen
 * hides one outside its window by itself, to the second.
 */
export function currentAlerts(alerts: readonly Alert[], timeMs: number): Alert[] {
  return alerts
    .filter((a) => a.validFrom === null || Date.parse(a.validFrom) <= timeMs)
    .filter((a) => a.validUntil === null || Date.parse(a.validUntil) > timeMs)
    .sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3) || a.createdAt.localeCompare(b.createdAt));
}
