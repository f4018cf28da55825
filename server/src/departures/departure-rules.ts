import type { FieldError, PatchDepartureBody, PutDepartureBody } from '#shared/api';
import type { ChangeSource } from '#shared/auth';
import type { Departure, DepartureOverride, FeedValues } from '#shared/board';
import { deriveStatus } from '#shared/departure-status';
import { invalidFields } from '../common/api-exception';
import { DEPARTURE_WINDOW, parseInstant, windowError } from '../common/instant-rules';

/** How far an estimate may stray from the timetable before it is taken for a typo. */
const MAX_EARLY_MINUTES = 60;
const MAX_LATE_MINUTES = 24 * 60;

/** Who is changing a departure: an operator's change holds against the feed, a feed's does not. */
export interface ChangeBy {
  name: string;
  source: ChangeSource;
}

/**
 * The departure a `PUT` describes. From a feed, while an operator's override is active, the
 * timetable fields change but the operator's real-time fields stay, and the feed's are kept
 * beside them as the conflict the console shows.
 */
export function buildDeparture(id: string, body: PutDepartureBody, previous: Departure | null, now: Date, by?: ChangeBy): Departure {
  const fresh = freshDeparture(id, body, previous, now);
  // An operator's texts kept under a hold keep their translations too.
  const given = { ...previous?.textTranslations, ...body.textTranslations };
  if (by?.source === 'operator')
    return translated({ ...fresh, override: holdBy(by, now, previous?.override?.until ?? null, previous?.override?.feed ?? null) }, given);
  if (previous && isActive(previous.override, now)) return translated(keepOperatorValues(fresh, previous, now), given);
  return translated(fresh, given);
}

/**
 * The row with the translations of the texts it shows (its cancellation's reason, its remarks),
 * and of no others: a reason or remark replaced takes its translations with it.
 */
function translated(row: Departure, given: Record<string, Record<string, string>> | undefined): Departure {
  const { textTranslations: _old, ...rest } = row;
  const shown = [...(row.status === 'cancelled' && row.cancelReason ? [row.cancelReason] : []), ...row.remarks];
  const kept = Object.fromEntries(shown.filter((text) => given?.[text] !== undefined).map((text) => [text, given![text]]));
  return Object.keys(kept).length > 0 ? { ...rest, textTranslations: kept } : rest;
}

function freshDeparture(id: string, body: PutDepartureBody, previous: Departure | null, now: Date): Departure {
  const scheduledTime = toUtc(body.scheduledTime, 'scheduledTime');
  const expectedTime = body.expectedTime ? toUtc(body.expectedTime, 'expectedTime') : null;
  const cancelled = body.cancelled ?? false;
  const errors = [
    // The estimate is kept within a day of the timetable (checkEstimate), so the timetable's window bounds both.
    ...checkWindow('scheduledTime', scheduledTime, now),
    ...checkEstimate(scheduledTime, expectedTime, 'expectedTime'),
    ...checkReason(cancelled, body.cancelReason),
  ];
  if (errors.length > 0) throw invalidFields(errors);
  const scheduledPlatform = body.scheduledPlatform ?? null;
  return {
    id,
    kind: body.kind ?? 'departure',
    line: body.line.trim(),
    lineColor: body.lineColor.toLowerCase(),
    destination: body.destination.trim(),
    origin: body.origin?.trim() || null,
    via: (body.via ?? []).map((stop) => stop.trim()),
    trainNumber: body.trainNumber?.trim() || null,
    skippedStops: (body.skippedStops ?? []).map((stop) => stop.trim()),
    shortenedAt: body.shortenedAt?.trim() || null,
    replacement: body.replacement ?? false,
    ...(body.headwayMinutes ? { headwayMinutes: body.headwayMinutes } : {}),
    scheduledTime,
    expectedTime,
    scheduledPlatform,
    platform: body.platform === undefined ? scheduledPlatform : body.platform,
    status: deriveStatus({ scheduledTime, expectedTime, cancelled }),
    cancelReason: cancelled ? (body.cancelReason ?? null) : null,
    remarks: body.remarks ?? [],
    override: null,
    version: (previous?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
  };
}

/**
 * A change applied to the current row; only the fields present change. An operator's change
 * holds against the feed (until `overrideUntil`, or until released); `releaseOverride` hands the
 * row back to the feed, applying what it said meanwhile.
 */
export function patchDeparture(current: Departure, patch: PatchDepartureBody, now: Date, by?: ChangeBy): Departure {
  if (patch.releaseOverride) return translated(releaseOverride(current, patch, now), current.textTranslations);
  const patched = applyPatch(current, patch, now);
  const given = patch.textTranslations ?? current.textTranslations;
  // Checked whoever sends it: a feed's hold is ignored, but a time that cannot be right is still refused.
  const until = patch.overrideUntil !== undefined ? checkUntil(patch.overrideUntil, now) : (current.override?.until ?? null);
  if (by?.source === 'operator') return translated({ ...patched, override: holdBy(by, now, until, current.override?.feed ?? null) }, given);
  if (isActive(current.override, now))
    return translated(keepOperatorValues(patched, current, now), { ...given, ...current.textTranslations });
  return translated({ ...patched, override: null }, given);
}

function applyPatch(current: Departure, patch: PatchDepartureBody, now: Date): Departure {
  if (Object.values(patch).every((value) => value === undefined)) {
    throw invalidFields([
      { field: 'body', message: 'Give at least one of delayMinutes, expectedTime, platform, cancelled, cancelReason, remarks' },
    ]);
  }
  const estimates = (['delayMinutes', 'addDelayMinutes', 'expectedTime'] as const).filter((field) => patch[field] !== undefined);
  if (estimates.length > 1) {
    throw invalidFields([
      { field: estimates[0], message: `Give one of delayMinutes, addDelayMinutes or expectedTime, not ${estimates.join(' and ')}` },
    ]);
  }
  let expectedTime = current.expectedTime;
  const delayMinutes = patch.addDelayMinutes !== undefined ? currentDelayMinutes(current) + patch.addDelayMinutes : patch.delayMinutes;
  if (delayMinutes !== undefined) {
    expectedTime = delayMinutes === 0 ? null : new Date(Date.parse(current.scheduledTime) + delayMinutes * 60_000).toISOString();
  } else if (patch.expectedTime !== undefined) {
    expectedTime = patch.expectedTime === null ? null : toUtc(patch.expectedTime, 'expectedTime');
  }
  const cancelled = patch.cancelled ?? current.status === 'cancelled';
  const cancelReason = patch.cancelReason !== undefined ? patch.cancelReason : cancelled ? current.cancelReason : null;
  const errors = [
    ...checkEstimate(current.scheduledTime, expectedTime, estimates[0] ?? 'expectedTime'),
    ...checkReason(cancelled, patch.cancelReason),
  ];
  if (errors.length > 0) throw invalidFields(errors);
  return {
    ...current,
    expectedTime,
    platform: patch.platform === undefined ? current.platform : (patch.platform ?? current.scheduledPlatform),
    status: deriveStatus({ scheduledTime: current.scheduledTime, expectedTime, cancelled }),
    cancelReason: cancelled ? cancelReason : null,
    remarks: patch.remarks ?? current.remarks,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
}

/** The row's delay now in whole minutes, as the board prints it (the minute each time falls in). */
function currentDelayMinutes(current: Departure): number {
  if (current.expectedTime === null) return 0;
  const minute = (instant: string) => Math.floor(Date.parse(instant) / 60_000);
  return minute(current.expectedTime) - minute(current.scheduledTime);
}

/** The instant in UTC; the DTOs have checked its form, this keeps any other caller from a RangeError. */
function toUtc(instant: string, field: string): string {
  const parsed = parseInstant(instant);
  if (!parsed.ok) throw invalidFields([{ field, message: `${field} ${parsed.problem}` }]);
  return parsed.utc;
}

/** Year 9999 or 1970 is a typo or garbage, not a train: times stay within a window of now. */
function checkWindow(field: string, utc: string, now: Date): FieldError[] {
  const error = windowError(field, utc, now, DEPARTURE_WINDOW);
  return error ? [error] : [];
}

function checkEstimate(scheduledTime: string, expectedTime: string | null, field: string): FieldError[] {
  if (expectedTime === null) return [];
  const minutes = (Date.parse(expectedTime) - Date.parse(scheduledTime)) / 60_000;
  if (minutes < -MAX_EARLY_MINUTES)
    return [{ field, message: `${field} would make the departure more than ${MAX_EARLY_MINUTES} minutes early` }];
  if (minutes > MAX_LATE_MINUTES)
    return [{ field, message: `${field} would make the departure more than ${MAX_LATE_MINUTES / 60} hours late` }];
  return [];
}

function checkReason(cancelled: boolean, cancelReason: string | null | undefined): FieldError[] {
  if (!cancelled && cancelReason) {
    return [{ field: 'cancelReason', message: 'cancelReason can only be given for a cancelled departure' }];
  }
  return [];
}

function isActive(override: DepartureOverride | null, now: Date): override is DepartureOverride {
  return override !== null && (override.until === null || Date.parse(override.until) > now.getTime());
}

function holdBy(by: ChangeBy, now: Date, until: string | null, feed: FeedValues | null): DepartureOverride {
  return { by: by.name, at: now.toISOString(), until, feed };
}

/** The feed's row, with the operator's real-time values kept and the feed's recorded beside them. */
function keepOperatorValues(fromFeed: Departure, current: Departure, now: Date): Departure {
  const feed: FeedValues = {
    expectedTime: fromFeed.expectedTime,
    platform: fromFeed.platform,
    cancelled: fromFeed.status === 'cancelled',
    cancelReason: fromFeed.cancelReason,
    remarks: fromFeed.remarks,
    at: now.toISOString(),
  };
  const agrees =
    feed.expectedTime === current.expectedTime && feed.platform === current.platform && feed.cancelled === (current.status === 'cancelled');
  return {
    ...fromFeed,
    expectedTime: current.expectedTime,
    platform: current.platform,
    cancelReason: current.cancelReason,
    remarks: current.remarks,
    status: deriveStatus({
      scheduledTime: fromFeed.scheduledTime,
      expectedTime: current.expectedTime,
      cancelled: current.status === 'cancelled',
    }),
    override: { ...current.override!, feed: agrees ? null : feed },
  };
}

function releaseOverride(current: Departure, patch: PatchDepartureBody, now: Date): Departure {
  const others = Object.entries(patch).filter(([key, value]) => key !== 'releaseOverride' && value !== undefined);
  if (others.length > 0)
    throw invalidFields([{ field: 'releaseOverride', message: 'releaseOverride cannot be combined with other changes' }]);
  const feed = current.override?.feed;
  const base = feed
    ? {
        ...current,
        expectedTime: feed.expectedTime,
        platform: feed.platform,
        cancelReason: feed.cancelled ? feed.cancelReason : null,
        remarks: feed.remarks,
        status: deriveStatus({ scheduledTime: current.scheduledTime, expectedTime: feed.expectedTime, cancelled: feed.cancelled }),
      }
    : current;
  return { ...base, override: null, version: current.version + 1, updatedAt: now.toISOString() };
}

function checkUntil(until: string | null, now: Date): string | null {
  if (until === null) return null;
  const utc = toUtc(until, 'overrideUntil');
  if (Date.parse(utc) <= now.getTime()) throw invalidFields([{ field: 'overrideUntil', message: 'overrideUntil is in the past' }]);
  const errors = checkWindow('overrideUntil', utc, now);
  if (errors.length > 0) throw invalidFields(errors);
  return utc;
}
