import type { AuditEntry } from '#shared/auth';
import { actionLabel, auditChanges, targetLabel } from '../../web/src/lib/console/audit-diff';
import { alert, departure } from '../support/factories';

const TZ = 'Europe/Zurich';
const before = departure({ scheduledTime: '2026-11-23T08:32:00.000Z', version: 3, updatedAt: '2026-11-23T08:00:00.000Z' });

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 7,
    at: '2026-11-23T08:05:00.000Z',
    actor: { kind: 'user', id: 'usr-1', name: 'alice' },
    source: 'operator',
    stationId: 'zurich-hb',
    action: 'departure-set',
    targetId: 'd1',
    before,
    after: before,
    seq: 12,
    undoOf: null,
    undone: false,
    ...overrides,
  };
}

describe(auditChanges.name, () => {
  it('lists only the fields that changed, times in station time with the delay', () => {
    const after = {
      ...before,
      expectedTime: '2026-11-23T08:37:00.000Z',
      status: 'delayed',
      platform: '34',
      version: 4,
      updatedAt: '2026-11-23T08:05:00.000Z',
      override: { by: 'alice', at: '2026-11-23T08:05:00.000Z', until: '2026-11-23T09:00:00.000Z', feed: null },
    };
    expect(auditChanges(entry({ after }), TZ)).toEqual([
      { field: 'expected', before: '—', after: '09:37 (+5)' },
      { field: 'platform', before: '33', after: '34' },
      { field: 'status', before: 'on-time', after: 'delayed' },
      { field: 'hold', before: '—', after: 'held by alice until 10:00' },
    ]);
  });

  it('leaves out bookkeeping, and a hold that only moved its timestamp', () => {
    const hold = { by: 'alice', at: '2026-11-23T08:00:00.000Z', until: null, feed: null };
    const entryBefore = { ...before, override: hold };
    const after = { ...entryBefore, version: 9, updatedAt: 'later', override: { ...hold, at: '2026-11-23T08:05:00.000Z' } };
    expect(auditChanges(entry({ before: entryBefore, after }), TZ)).toEqual([]);
  });

  it('shows lists joined and a cleared value as a dash', () => {
    const after = { ...before, remarks: ['Extra stop', 'Short train'] };
    expect(auditChanges(entry({ after }), TZ)).toEqual([{ field: 'remarks', before: '—', after: 'Extra stop / Short train' }]);
    expect(auditChanges(entry({ before: after, after: before }), TZ)).toEqual([
      { field: 'remarks', before: 'Extra stop / Short train', after: '—' },
    ]);
  });

  it('sums a new row up by what identifies it', () => {
    const changes = auditChanges(entry({ before: null, after: before }), TZ);
    expect(changes).toEqual([
      { field: 'line', before: '—', after: 'S8' },
      { field: 'destination', before: '—', after: 'Pfäffikon SZ' },
      { field: 'timetabled', before: '—', after: '09:32' },
      { field: 'platform', before: '—', after: '33' },
      { field: 'status', before: '—', after: 'on-time' },
    ]);
  });

  it('has nothing to list for a removal: the action says it', () => {
    expect(auditChanges(entry({ action: 'departure-removed', after: null }), TZ)).toEqual([]);
  });

  it('shows an alert’s validity in station date and time', () => {
    const a = alert({ validUntil: '2026-11-23T17:00:00.000Z' });
    expect(auditChanges(entry({ action: 'alert-set', before: null, after: a }), TZ)).toEqual([
      { field: 'severity', before: '—', after: 'warning' },
      { field: 'text', before: '—', after: 'Lift out of service' },
      { field: 'valid until', before: '—', after: 'Mon 23 Nov, 18:00' },
    ]);
  });
});

describe(actionLabel.name, () => {
  it('tells an addition from a change, and marks an undo', () => {
    expect(actionLabel(entry({}))).toBe('departure changed');
    expect(actionLabel(entry({ before: null }))).toBe('departure added');
    expect(actionLabel(entry({ action: 'alert-cleared' }))).toBe('alert cleared');
    expect(actionLabel(entry({ undoOf: 3 }))).toBe('undo: departure changed');
  });
});

describe(targetLabel.name, () => {
  it('names a departure by line, destination (an arrival by origin) and time, an alert by its text', () => {
    expect(targetLabel(entry({}), TZ)).toBe('S8 Pfäffikon SZ 09:32');
    expect(targetLabel(entry({ after: { ...before, kind: 'arrival', origin: 'Chur' } }), TZ)).toBe('S8 from Chur 09:32');
    expect(targetLabel(entry({ action: 'alert-cleared', before: alert(), after: null }), TZ)).toBe('“Lift out of service”');
    expect(targetLabel(entry({ before: null, after: null, targetId: 'gone' }), TZ)).toBe('gone');
  });
});
