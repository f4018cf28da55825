import type { Alert, AlertSeverity, Departure, DepartureOverride, DepartureStatus, RowKind, Station } from '#shared/board';
import type { AlertTable, DepartureTable, StationTable } from './database';

/** Converts between wire objects and table rows; the one place that knows both shapes. */

export function toStation(
  row: Pick<StationTable, 'id' | 'name' | 'timezone'> & { feed_id?: string | null; language?: string | null },
): Station {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    ...(row.feed_id ? { feedId: row.feed_id } : {}),
    ...(row.language ? { language: row.language } : {}),
  };
}

export function toDeparture(row: DepartureTable): Departure {
  return {
    id: row.id,
    kind: row.kind as RowKind,
    line: row.line,
    lineColor: row.line_color,
    destination: row.destination,
    origin: row.origin,
    via: JSON.parse(row.via) as string[],
    trainNumber: row.train_number,
    skippedStops: JSON.parse(row.skipped_stops) as string[],
    shortenedAt: row.shortened_at,
    replacement: Number(row.replacement) === 1,
    ...(row.headway_minutes ? { headwayMinutes: Number(row.headway_minutes) } : {}),
    scheduledTime: row.scheduled_time,
    expectedTime: row.expected_time,
    scheduledPlatform: row.scheduled_platform,
    platform: row.platform,
    status: row.status as DepartureStatus,
    cancelReason: row.cancel_reason,
    remarks: JSON.parse(row.remarks) as string[],
    ...(row.text_translations ? { textTranslations: JSON.parse(row.text_translations) as Record<string, Record<string, string>> } : {}),
    override: row.override === null ? null : (JSON.parse(row.override) as DepartureOverride),
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

export function fromDeparture(stationId: string, d: Departure): DepartureTable {
  return {
    station_id: stationId,
    id: d.id,
    kind: d.kind,
    line: d.line,
    line_color: d.lineColor,
    destination: d.destination,
    origin: d.origin,
    via: JSON.stringify(d.via),
    train_number: d.trainNumber,
    skipped_stops: JSON.stringify(d.skippedStops),
    shortened_at: d.shortenedAt,
    replacement: d.replacement ? 1 : 0,
    headway_minutes: d.headwayMinutes ?? null,
    scheduled_time: d.scheduledTime,
    expected_time: d.expectedTime,
    scheduled_platform: d.scheduledPlatform,
    platform: d.platform,
    cancel_reason: d.cancelReason,
    remarks: JSON.stringify(d.remarks),
    text_translations: d.textTranslations ? JSON.stringify(d.textTranslations) : null,
    status: d.status,
    override: d.override === null ? null : JSON.stringify(d.override),
    version: d.version,
    updated_at: d.updatedAt,
  };
}

export function toAlert(row: AlertTable): Alert {
  return {
    id: row.id,
    severity: row.severity as AlertSeverity,
    text: row.text,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    createdAt: row.created_at,
    ...(row.translations ? { translations: JSON.parse(row.translations) as Record<string, string> } : {}),
  };
}

export function fromAlert(stationId: string, a: Alert): AlertTable {
  return {
    station_id: stationId,
    id: a.id,
    severity: a.severity,
    text: a.text,
    valid_from: a.validFrom,
    valid_until: a.validUntil,
    created_at: a.createdAt,
    translations: a.translations && Object.keys(a.translations).length > 0 ? JSON.stringify(a.translations) : null,
  };
}
