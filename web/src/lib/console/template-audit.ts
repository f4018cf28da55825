import type { TemplateAuditEntry } from '#shared/auth';
import type { TemplateChangeType, TextTemplate } from '#shared/templates';
import type { FieldChange } from './audit-diff';

/** How the audit view words a template's change: a template is a name, a use and a text per language. */

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', it: 'Italian' };

/** One entry per kind (the compiler refuses a missing one): the filter's words, and one change's. */
const ACTION_WORDS = {
  'template-saved': { kind: 'template created or changed', one: (created) => (created ? 'template created' : 'template changed') },
  'template-deleted': { kind: 'template deleted', one: () => 'template deleted' },
} satisfies Record<TemplateChangeType, { kind: string; one: (created: boolean) => string }>;

/** `template created or changed`: a kind of template change, as the audit filter lists it. */
export function templateChangeTypeLabel(type: TemplateChangeType): string {
  return ACTION_WORDS[type].kind;
}

/** `template created`, `template changed`, `template deleted`. */
export function templateActionLabel(entry: Pick<TemplateAuditEntry, 'action' | 'before'>): string {
  return ACTION_WORDS[entry.action].one(entry.before === null);
}

/** `Template “Signal failure”`. */
export function templateTargetLabel(entry: Pick<TemplateAuditEntry, 'before' | 'after' | 'targetId'>): string {
  return `Template “${(entry.after ?? entry.before)?.name ?? entry.targetId}”`;
}

/** Each shown field that differs, a text per language: a deletion shows what was lost, a creation what was set. */
export function templateChanges(entry: Pick<TemplateAuditEntry, 'before' | 'after'>): FieldChange[] {
  const before = entry.before ? fields(entry.before) : {};
  const after = entry.after ? fields(entry.after) : {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((field) => ({ field, before: before[field] ?? '—', after: after[field] ?? '—' }))
    .filter((change) => change.before !== change.after);
}

function fields(template: TextTemplate): Record<string, string> {
  const texts = Object.entries(template.texts).map(([language, text]) => [`text (${LANGUAGE_NAMES[language] ?? language})`, text]);
  return Object.fromEntries([
    ['name', template.name],
    ['use', template.use],
    ...(template.severity ? [['severity', template.severity]] : []),
    ...texts,
  ]);
}
