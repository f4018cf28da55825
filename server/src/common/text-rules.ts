/**
 * What text may reach a passenger's screen. Pure: the API refuses text that breaks these rules
 * (`textProblem`, through `IsText` and the batch parser) and feeds, which cannot be argued with,
 * have it cleaned (`cleanFeedText`) and the cleaning reported.
 *
 * Refused: C0 and C1 control characters and DEL (NUL included; a newline only where a field is
 * multi-line, "\r\n" counting as one), the bidi embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069: a U+202E shows what follows reversed), lone surrogates, and
 * text with nothing visible in it (only spaces, zero-width, format and combining characters).
 *
 * Allowed: the directional marks U+200E, U+200F and U+061C (they cannot reorder text beyond
 * their neighbours and mixed Hebrew/Arabic names need them), and zero-width characters inside
 * otherwise visible text (ZWJ and ZWNJ are needed by emoji, Persian and Indic scripts).
 */

// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\t|\r(?!\n)/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** A character that shows something: not a space, control, format or combining character, nor a blank filler. */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]/u;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Null when `value` may be shown to passengers, else a short reason ("contains a control character (U+0007)"). */
export function textProblem(value: string, options: { multiline?: boolean } = {}): string | null {
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `contains an unpaired surrogate (${codePoint(lone[0])})`;
  const text = options.multiline ? value.replace(/\r?\n/g, ' ') : value;
  const control = CONTROL.exec(text) ?? /[\n\r]/.exec(text);
  if (control) return `contains a control character (${codePoint(control[0])})`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `contains a bidirectional control (${codePoint(bidi[0])})`;
  if (value.length > 0 && !VISIBLE.test(value)) return 'has no visible characters';
  return null;
}

// eslint-disable-next-line no-control-regex -- control characters are what this matches
const FEED_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/gu;
/** Removed outright: bidi controls, unpaired surrogates, and zero-width characters that no script needs. */
const FEED_REMOVED = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]|\p{Cs}/gu;

/**
 * Feed text made fit for a screen: line endings become "\n", other controls a space, bidi
 * controls, unpaired surrogates and U+200B/U+2060/U+FEFF are removed, and the result is trimmed.
 * `stripped` counts the characters replaced or removed (not line endings or trimmed spaces), for
 * the match report. Text left with nothing visible comes back as "".
 */
export function cleanFeedText(value: string): { text: string; stripped: number } {
  let stripped = 0;
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(FEED_REMOVED, () => {
      stripped += 1;
      return '';
    })
    .replace(FEED_CONTROL, () => {
      stripped += 1;
      return ' ';
    })
    .trim();
  return { text: VISIBLE.test(text) ? text : '', stripped };
}
