import { cleanFeedText } from '../common/text-rules';

/**
 * Text from a feed (GTFS or GTFS-Realtime) on its way to a screen: a feed cannot be argued with
 * like an API caller, so control, bidi and stray zero-width characters are stripped rather than
 * refused, and counted for the feed's report. One line: line breaks become spaces.
 */
export class FeedTextTally {
  /** Texts that had something stripped. */
  cleaned = 0;

  clean(value: string | undefined): string {
    const { text, stripped } = cleanFeedText(value ?? '');
    if (stripped > 0) this.cleaned += 1;
    return text.replace(/\s*\n\s*/g, ' ');
  }
}

/** The report's line for it; `null` when nothing was cleaned. */
export function cleanedTextProblem(count: number): string | null {
  return count === 0
    ? null
    : `${count} ${count === 1 ? 'text' : 'texts'} had control, bidirectional or zero-width characters, which were removed`;
}
