/** A language tag as boards and texts use it (`de`, `fr-CH`): a 2-3 letter language, then up to two subtags. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}$/;

/** The language texts are written in when nobody says otherwise. */
export const DEFAULT_TEXT_LANGUAGE = 'en';

/** Whether two tags name the same language (`de` and `de-CH` do: a Swiss German board reads German texts). */
export function sameLanguage(a: string, b: string): boolean {
  return a.split('-')[0].toLowerCase() === b.split('-')[0].toLowerCase();
}
