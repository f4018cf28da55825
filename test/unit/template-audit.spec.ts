import type { TemplateAuditEntry } from '#shared/auth';
import type { TextTemplate } from '#shared/templates';
import { actionLabel, auditChanges, targetLabel } from '../../web/src/lib/console/audit-diff';

const TZ = 'Europe/Zurich';
const signal: TextTemplate = {
  id: 'signal-failure',
  name: 'Signal failure',
  use: 'reason',
  severity: null,
  texts: { en: 'Signal failure', de: 'Stellwerkstörung' },
  updatedAt: '2026-11-23T08:00:00.000Z',
  updatedBy: 'alice',
};

function entry(overrides: Partial<TemplateAuditEntry>): TemplateAuditEntry {
  return {
    id: 9,
    at: '2026-11-23T08:05:00.000Z',
    actor: { kind: 'user', id: 'usr-1', name: 'alice' },
    source: 'operator',
    stationId: null,
    action: 'template-saved',
    targetId: 'signal-failure',
    before: signal,
    after: { ...signal, texts: { en: 'Signal failure', de: 'Signalstörung' }, updatedAt: '2026-11-23T08:05:00.000Z' },
    seq: null,
    undoOf: null,
    undone: false,
    ...overrides,
  };
}

describe('a template change in the audit view', () => {
  it('shows the texts that changed, by language, and not the bookkeeping', () => {
    expect(auditChanges(entry({}), TZ)).toEqual([{ field: 'text (German)', before: 'Stellwerkstörung', after: 'Signalstörung' }]);
  });

  it('shows what a creation set and what a deletion took away', () => {
    expect(auditChanges(entry({ before: null, after: signal }), TZ)).toEqual([
      { field: 'name', before: '—', after: 'Signal failure' },
      { field: 'use', before: '—', after: 'reason' },
      { field: 'text (English)', before: '—', after: 'Signal failure' },
      { field: 'text (German)', before: '—', after: 'Stellwerkstörung' },
    ]);
    expect(auditChanges(entry({ action: 'template-deleted', after: null }), TZ)).toContainEqual({
      field: 'text (German)',
      before: 'Stellwerkstörung',
      after: '—',
    });
  });

  it('names the action and the template', () => {
    expect(actionLabel(entry({}))).toBe('template changed');
    expect(actionLabel(entry({ before: null }))).toBe('template created');
    expect(actionLabel(entry({ action: 'template-deleted', after: null }))).toBe('template deleted');
    expect(targetLabel(entry({ action: 'template-deleted', after: null }), TZ)).toBe('Template “Signal failure”');
  });
});
