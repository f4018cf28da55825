import { randomBytes } from 'node:crypto';
import type { PostAlertBody } from '#shared/api';
import type { Alert } from '#shared/board';
import { invalidField } from '../common/api-exception';

/** A new alert from its body: times normalized to UTC, and a window that can actually be shown. */
export function buildAlert(body: PostAlertBody, now: Date): Alert {
  const validFrom = body.validFrom ? new Date(body.validFrom).toISOString() : null;
  const validUntil = body.validUntil ? new Date(body.validUntil).toISOString() : null;
  if (validUntil !== null && validUntil <= now.toISOString()) {
    throw invalidField('validUntil', 'validUntil is in the past: the alert would never be shown');
  }
  if (validFrom !== null && validUntil !== null && validUntil <= validFrom) {
    throw invalidField('validUntil', 'validUntil must be after validFrom');
  }
  return {
    id: `a-${randomBytes(6).toString('hex')}`,
    severity: body.severity,
    text: body.text.trim(),
    validFrom,
    validUntil,
    createdAt: now.toISOString(),
  };
}
