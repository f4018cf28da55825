import type { FieldError, PatchDepartureBody, PutDepartureBody } from '#shared/api';
import type { Departure } from '#shared/board';
import { deriveStatus } from '#shared/departure-status';
import { invalidFields } from '../common/api-exception';

/** How far an estimate may stray from the timetable before it is taken for a typo. */
const MAX_EARLY_MINUTES = 60;
const MAX_LATE_MINUTES = 24 * 60;

/** The departure a `PUT` describes; `previous` (if any) only carries the version forward. */
export function buildDeparture(id: string, body: PutDepartureBody, previous: Departure | null, now: Date): Departure {
  const scheduledTime = toUtc(body.scheduledTime);
  const expectedTime = body.expectedTime ? toUtc(body.expectedTime) : null;
  const cancelled = body.cancelled ?? false;
  const errors = [...checkEstimate(scheduledTime, expectedTime, 'expectedTime'), ...checkReason(cancelled, body.cancelReason)];
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
    scheduledTime,
    expectedTime,
    scheduledPlatform,
    platform: body.platform === undefined ? scheduledPlatform : body.platform,
    status: deriveStatus({ scheduledTime, expectedTime, cancelled }),
    cancelReason: cancelled ? (body.cancelReason ?? null) : null,
    remarks: body.remarks ?? [],
    version: (previous?.version ?? 0) + 1,
    updatedAt: now.toISOString(),
  };
}

/** An operator's change applied to the current row; only the fields present change. */
export function patchDeparture(current: Departure, patch: PatchDepartureBody, now: Date): Departure {
  if (Object.values(patch).every((value) => value === undefined)) {
    throw invalidFields([{ field: 'body', message: 'Give at least one of delayMinutes, expectedTime, platform, cancelled, cancelReason, remarks' }]);
  }
  if (patch.delayMinutes !== undefined && patch.expectedTime !== undefined) {
    throw invalidFields([{ field: 'delayMinutes', message: 'Give either delayMinutes or expectedTime, not both' }]);
  }
  let expectedTime = current.expectedTime;
  if (patch.delayMinutes !== undefined) {
    expectedTime = patch.delayMinutes === 0 ? null : new Date(Date.parse(current.scheduledTime) + patch.delayMinutes * 60_000).toISOString();
  } else if (patch.expectedTime !== undefined) {
    expectedTime = patch.expectedTime === null ? null : toUtc(patch.expectedTime);
  }
  const cancelled = patch.cancelled ?? current.status === 'cancelled';
  const cancelReason = patch.cancelReason !== undefined ? patch.cancelReason : cancelled ? current.cancelReason : null;
  const errors = [
    ...checkEstimate(current.scheduledTime, expectedTime, patch.delayMinutes !== undefined ? 'delayMinutes' : 'expectedTime'),
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

function toUtc(isoWithOffset: string): string {
  return new Date(isoWithOffset).toISOString();
}

function checkEstimate(scheduledTime: string, expectedTime: string | null, field: string): FieldError[] {
  if (expectedTime === null) return [];
  const minutes = (Date.parse(expectedTime) - Date.parse(scheduledTime)) / 60_000;
  if (minutes < -MAX_EARLY_MINUTES) return [{ field, message: `${field} would make the departure more than ${MAX_EARLY_MINUTES} minutes early` }];
  if (minutes > MAX_LATE_MINUTES) return [{ field, message: `${field} would make the departure more than ${MAX_LATE_MINUTES / 60} hours late` }];
  return [];
}

function checkReason(cancelled: boolean, cancelReason: string | null | undefined): FieldError[] {
  if (!cancelled && cancelReason) {
    return [{ field: 'cancelReason', message: 'cancelReason can only be given for a cancelled departure' }];
  }
  return [];
}
