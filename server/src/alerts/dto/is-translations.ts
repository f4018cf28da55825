import { registerDecorator } from 'class-validator';
import { LANGUAGE_TAG } from '#shared/language';
import { textProblem } from '../../common/text-rules';

/** A board shows one language; a handful of translations covers any network's screens. */
export const MAX_TRANSLATIONS = 8;

/** Why `value` is not a set of translations of a `max`-character text; `null` when it is. */
export function translationsProblem(field: string, value: unknown, max: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${field} must be an object of language tags to texts, like {"de": "…"}`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_TRANSLATIONS) return `${field} may hold at most ${MAX_TRANSLATIONS} languages`;
  for (const [language, text] of entries) {
    if (!LANGUAGE_TAG.test(language)) return `${field}: "${language.slice(0, 20)}" is not a language tag like "de" or "fr-CH"`;
    if (typeof text !== 'string' || text.trim().length === 0 || text.length > max) {
      return `${field}.${language} must be text of 1 to ${max} characters`;
    }
    const problem = textProblem(text);
    if (problem) return `${field}.${language} ${problem}`;
  }
  return null;
}

/** A row's reason and remarks at most: one reason and five remarks. */
const MAX_TRANSLATED_TEXTS = 6;

/** Why `value` is not `Departure.textTranslations` (text → language → text); `null` when it is. */
export function textTranslationsProblem(field: string, value: unknown, max: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${field} must be an object of texts to their translations, like {"Signal failure": {"de": "…"}}`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_TRANSLATED_TEXTS) return `${field} may translate at most ${MAX_TRANSLATED_TEXTS} texts`;
  for (const [text, translations] of entries) {
    if (text.length === 0 || text.length > max) return `${field}: a translated text must be 1 to ${max} characters`;
    const problem = translationsProblem(`${field}["${text.slice(0, 40)}"]`, translations, max);
    if (problem) return problem;
  }
  return null;
}

/** Translations of a row's reason and remarks, each held to the rules of those texts. */
export function IsTextTranslations(max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTextTranslations',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args) => textTranslationsProblem(String(propertyName), args.value, max) ?? `${String(propertyName)} is invalid`,
      },
      validator: { validate: (value: unknown) => textTranslationsProblem(String(propertyName), value, max) === null },
    });
}

/** The same text in other languages, each held to the rules of the text itself. */
export function IsTranslations(max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTranslations',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => translationsProblem(String(propertyName), args.value, max) ?? `${String(propertyName)} is invalid` },
      validator: { validate: (value: unknown) => translationsProblem(String(propertyName), value, max) === null },
    });
}
