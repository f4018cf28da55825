import type { AuditEntry, AuditLogEntry } from '#shared/auth';
import { changeLabel } from './change-words';
import { templateActionLabel, templateChanges, templateTargetLabel } from './template-audit';
import { formatDateTime, formatDelay, formatTime } from '../time';

/** How the audit view words an entry: its action, its target, and what changed, in station time. */

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

type Row = Record<string, unknown>;

const LABELS: Record<string, string> = {
  expectedTime: 'expected',
  scheduledTime: 'timetabled',
  scheduledPlatform: 'timetabled platform',
  cancelReason: 'reason',
  lineColor: 'colour',
  override: 'hold',
  validFrom: 'valid from',
  validUntil: 'valid until',
};

/** Bookkeeping that changes with every write and would bury the change itself. */
const IGNORED = new Set(['id', 'version', 'updatedAt', 'createdAt']);

/** What a new row is summed up by; the rest of a fresh row is noise in a log line. */
const ON_CREATION = [
  'line',
  'destination',
  'scheduledTime',
  'expectedTime',
  'platform',
  'status',
  'severity',
  'text',
  'validFrom',
  'validUntil',
];

/** `departure changed`, `alert cleared`, `template created`, …; an undo says so. */
export function actionLabel(entry: AuditLogEntry): string {
  if (entry.stationId === null) return templateActionLabel(entry);
  const label = changeLabel(entry.action, entry.before === null);
  return entry.undoOf === null ? label : `undo: ${label}`;
}

/** `S8 Pfäffikon SZ 09:32` or `“Lift out of service”`: the row by what people see of it. */
export function targetLabel(entry: AuditLogEntry, timeZone: string): string {
  if (entry.stationId === null) return templateTargetLabel(entry);
  const row = asRow(entry.after) ?? asRow(entry.before);
  if (row && typeof row.line === 'string' && typeof row.scheduledTime === 'string') {
    // An arrival's destination is this station; its origin is what tells it apart.
    const where = row.kind === 'arrival' ? `from ${String(row.origin ?? 'unknown')}` : String(row.destination ?? '');
    return `${row.line} ${where} ${formatTime(row.scheduledTime, timeZone)}`.replace(/\s+/g, ' ');
  }
  if (row && typeof row.text === 'string') return `“${row.text.length > 60 ? `${row.text.slice(0, 59)}…` : row.text}”`;
  return entry.targetId;
}

/** What an entry changed: a template's texts, or the fields of a row whose shown value differs, in the row's own field order. */
export function auditChanges(entry: AuditLogEntry, timeZone: string): FieldChange[] {
  return entry.stationId === null ? templateChanges(entry) : rowChanges(entry, timeZone);
}

function rowChanges(entry: Pick<AuditEntry, 'before' | 'after'>, timeZone: string): FieldChange[] {
  const before = asRow(entry.before);
  const after = asRow(entry.after);
  if (!after) return [];
  const fields = before ? unionKeys(before, after) : ON_CREATION.filter((key) => isSet(after[key]));
  return fields
    .filter((field) => !IGNORED.has(field))
    .map((field) => ({
      field: LABELS[field] ?? field,
      before: before ? formatValue(field, before, timeZone) : '—',
      after: formatValue(field, after, timeZone),
    }))
    .filter((change) => change.before !== change.after);
}

function formatValue(field: string, row: Row, timeZone: string): string {
  const value = row[field];
  if (value === null || value === undefined) return '—';
  if (field === 'expectedTime' && typeof value === 'string' && typeof row.scheduledTime === 'string') {
    const delay = formatDelay({ scheduledTime: row.scheduledTime, expectedTime: value });
    return `${formatTime(value, timeZone)}${delay ? ` (${delay})` : ''}`;
  }
  if (field === 'scheduledTime' && typeof value === 'string') return formatTime(value, timeZone);
  if (field === 'override') return formatHold(asRow(value), timeZone);
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatDateTime(value, timeZone);
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(' / ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A hold by who and until when; its timestamp changes on every change and is left out. */
function formatHold(hold: Row | null, timeZone: string): string {
  if (!hold) return '—';
  const until = typeof hold.until === 'string' ? ` until ${formatTime(hold.until, timeZone)}` : '';
  return `held by ${String(hold.by)}${until}${hold.feed ? ', feed disagrees' : ''}`;
}

function unionKeys(a: Row, b: Row): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function isSet(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function asRow(value: unknown): Row | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : null;
}
