import { DEFAULT_TEXT_LANGUAGE, sameLanguage } from '#shared/language';

/** A text as a board in one language shows it. */
export interface ShownText {
  text: string;
  /** The text's own language when it is not the board's (no translation into it): marked, and told to screen readers. */
  foreign: string | null;
}

/**
 * `text` (written in `textLanguage`, the station's) on a board in `lang`: its translation into
 * `lang` where it has one (`de-CH` serves a `de` board), else the original, marked as foreign
 * when it is in another language than the board's, so it is never passed off as a translation.
 */
export function inBoardLanguage(
  text: string,
  translations: Record<string, string> | undefined,
  lang: string,
  textLanguage: string = DEFAULT_TEXT_LANGUAGE,
): ShownText {
  const own = translations?.[lang] ?? Object.entries(translations ?? {}).find(([tag]) => sameLanguage(tag, lang))?.[1];
  if (own !== undefined) return { text: own, foreign: null };
  return { text, foreign: sameLanguage(textLanguage, lang) ? null : textLanguage };
}
