import type { AlertSeverity } from '#shared/board';
import type { BatchUpdate } from '#shared/api';

/** See disruption-fixture.js. */
export const ALERTS: { severity: AlertSeverity; text: string; translations?: Record<string, string> }[];
export const DEPARTURES: number;
export const LONG_ALERT: string;
export const SEVERE_ALERT: string;
export const SEVERE_ALERT_DE: string;
export function disruptionUpdates(stationId: string, nowMs?: number): BatchUpdate[];
