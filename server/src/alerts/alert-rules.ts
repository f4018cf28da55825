import { randomBytes } from 'node:crypto';
import type { PostAlertBody } from '#shared/api';
import type { Alert } from '#shared/board';
import { invalidField } from '../common/api-exception';
import { ALERT_WINDOW, parseInstant, windowError } from '../common/instant-rules';

/** A new alert from its body: times normalized to UTC and within a year or two of now, and a window that can actually be shown. */
export function buildAlert(body: PostAlertBody, now: Date): Alert {
  const validFrom = body.validFrom ? toUtc(body.validFrom, 'validFrom') : null;
  const validUntil = body.validUntil ? toUtc(body.validUntil, 'validUntil') : null;
  if (validUntil !== null && validUntil <= now.toISOString()) {
    throw invalidField('validUntil', 'validUntil is in the past: the alert would never be shown');
  }
  for (const [field, utc] of [
    ['validFrom', validFrom],
    ['validUntil', validUntil],
  ] as const) {
    const error = utc === null ? null : windowError(field, utc, now, ALERT_WINDOW);
    if (error) throw invalidField(error.field, error.message);
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
    ...translationsOf(body.translations),
  };
}

/** The instant in UTC; the DTO has checked its form, this keeps any other caller from a RangeError. */
function toUtc(instant: string, field: string): string {
  const parsed = parseInstant(instant);
  if (!parsed.ok) throw invalidField(field, `${field} ${parsed.problem}`);
  return parsed.utc;
}

/** Trimmed like `text`; none at all when empty, so an alert without translations stays as small as before. */
function translationsOf(given: Record<string, string> | undefined): Pick<Alert, 'translations'> {
  const entries = Object.entries(given ?? {}).map(([language, text]) => [language, text.trim()] as const);
  return entries.length > 0 ? { translations: Object.fromEntries(entries) } : {};
}
