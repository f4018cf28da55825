import type { AlertSeverity, Instant } from './board';

/** What a template is for: a cancellation's reason, a remark on a row, or a station alert. */
export type TemplateUse = 'reason' | 'remark' | 'alert';

/**
 * A named disruption text an operator picks instead of typing ("Signal failure"), with its text
 * in each language boards show (`en` at least). Picked, it fills the reason, remark or alert and
 * its translations (`textTranslations`, an alert's `translations`), which the operator may edit.
 */
export interface TextTemplate {
  /** A slug, e.g. `signal-failure`. */
  id: string;
  /** How the console lists it. */
  name: string;
  use: TemplateUse;
  /** For an alert template: the severity it posts with; `null` otherwise. */
  severity: AlertSeverity | null;
  /** The text by language tag: `{"en": "Signal failure", "de": "Stellwerkstörung"}`. */
  texts: Record<string, string>;
  updatedAt: Instant;
  /** Who last changed it. */
  updatedBy: string;
}

/** `PUT /api/templates/:templateId`. */
export interface PutTemplateBody {
  name: string;
  use: TemplateUse;
  severity?: AlertSeverity | null;
  texts: Record<string, string>;
}

/**
 * What the audit log records of templates: one was created or replaced (`template-saved`, its
 * `before` is `null` when it was new), or deleted. Listed once, so the audit's filter and its
 * wording follow from here.
 */
export const TEMPLATE_CHANGE_TYPES = ['template-saved', 'template-deleted'] as const;

export type TemplateChangeType = (typeof TEMPLATE_CHANGE_TYPES)[number];
