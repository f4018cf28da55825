import type { AlertSeverity } from '#shared/board';
import { FeedTextTally } from '../gtfs/feed-text';
import type { FeedAlert, TranslatedString } from './feed-message';

/** Longest text a board shows for an alert; feeds sometimes put whole notices in the header. */
const MAX_TEXT = 500;

const SEVERITY_LEVELS: Record<string, AlertSeverity> = { INFO: 'info', WARNING: 'warning', SEVERE: 'severe' };

/** Effects that change what a passenger can do, as opposed to notices. */
const EFFECT_SEVERITY: Record<string, AlertSeverity> = {
  NO_SERVICE: 'severe',
  REDUCED_SERVICE: 'warning',
  SIGNIFICANT_DELAYS: 'warning',
  DETOUR: 'warning',
  STOP_MOVED: 'warning',
  MODIFIED_SERVICE: 'warning',
};

/** The feed's own severity_level when it gives one, else a severity judged from the effect. */
export function alertSeverity(alert: FeedAlert): AlertSeverity {
  const level = SEVERITY_LEVELS[String(alert.severityLevel)];
  return level ?? EFFECT_SEVERITY[String(alert.effect)] ?? 'info';
}

export interface AlertText {
  text: string;
  /** Every tagged language, by lowercase tag. */
  translations: Record<string, string>;
  /** Translations that had control, bidi or zero-width characters stripped. */
  cleaned: number;
}

/**
 * The alert's header text: the untagged translation (the feed's default), else English, else the
 * first, as `text`; every tagged language in `translations`. Falls back to the description when the
 * header is missing or empty; `null` when the alert has no text at all.
 */
export function alertText(alert: FeedAlert): AlertText | null {
  return textOf(alert.headerText) ?? textOf(alert.descriptionText);
}

function textOf(translated: TranslatedString | undefined): AlertText | null {
  const texts = new FeedTextTally();
  const entries = (translated?.translation ?? [])
    .map((t) => ({ language: languageOf(t.language), text: texts.clean(t.text).slice(0, MAX_TEXT).trim() }))
    .filter((t) => t.text !== '');
  if (entries.length === 0) return null;
  const preferred =
    entries.find((t) => t.language === '') ?? entries.find((t) => t.language === 'en' || t.language.startsWith('en-')) ?? entries[0];
  const translations: Record<string, string> = {};
  for (const entry of entries) if (entry.language !== '' && !(entry.language in translations)) translations[entry.language] = entry.text;
  return { text: preferred.text, translations, cleaned: texts.cleaned };
}

/** A BCP 47 tag, lowercased; anything else (a crafted key) counts as the feed's default language. */
function languageOf(tag: string | undefined): string {
  const language = tag?.trim().toLowerCase() ?? '';
  return /^[a-z]{2,8}(?:-[a-z0-9]{1,8}){0,4}$/.test(language) ? language : '';
}
