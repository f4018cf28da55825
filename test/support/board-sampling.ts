import type { Page } from 'playwright-core';

/** What one moment of a board shows, as a passenger in front of it would see it. */
export interface BoardSample {
  /** Departure ids of the rows wholly on screen, top to bottom. */
  rows: string[];
  /** Ids of the alerts whose banner is wholly on screen. */
  alerts: string[];
  /** Indexes of the words (by whitespace) of the watched alert's text that are inside its banner's window. */
  words: number[];
  /** The page indicator, `3/29`, or `null` on a board of one page. */
  page: string | null;
  /** The date a row carries, by departure id, for rows that show one. */
  days: Record<string, string>;
}

/**
 * Reads the board at this moment. Waits first for the alerts' page scroll to end (it runs on the
 * compositor's own clock), so a word half-way into view is not counted either way.
 */
export function sampleBoard(page: Page, watchedAlertId: string): Promise<BoardSample> {
  return page.evaluate(async (alertId) => {
    const alerts = document.querySelector('.alerts');
    await Promise.all((alerts?.getAnimations({ subtree: true }) ?? []).map((animation) => animation.finished));
    const onScreen = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight + 0.5 && box.right <= innerWidth + 0.5;
    };
    const inside = (box: DOMRect, frame: DOMRect) =>
      box.width > 0 &&
      box.top >= frame.top - 0.5 &&
      box.bottom <= frame.bottom + 0.5 &&
      box.left >= frame.left - 0.5 &&
      box.right <= frame.right + 0.5;

    const words: number[] = [];
    const banner = document.querySelector(`.alerts [data-alert-id="${alertId}"]`);
    const frame = banner?.querySelector('.window');
    const text = banner?.querySelector('.text')?.firstChild;
    if (banner && frame && text && onScreen(banner)) {
      const range = document.createRange();
      let index = 0;
      for (const match of (text.textContent ?? '').matchAll(/\S+/g)) {
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        // A word broken over two lines has two boxes; both must be in the window.
        const boxes = [...range.getClientRects()];
        if (boxes.length > 0 && boxes.every((box) => inside(box, frame.getBoundingClientRect()))) words.push(index);
        index++;
      }
    }
    const days: Record<string, string> = {};
    const rows = [...document.querySelectorAll('[data-departure-id]')].filter(onScreen);
    for (const row of rows) {
      const day = row.querySelector('.day');
      if (day) days[row.getAttribute('data-departure-id') ?? ''] = day.textContent ?? '';
    }
    return {
      rows: rows.map((row) => row.getAttribute('data-departure-id') ?? ''),
      alerts: [...document.querySelectorAll('.alerts [data-alert-id]')].filter(onScreen).map((a) => a.getAttribute('data-alert-id') ?? ''),
      words,
      page: document.querySelector('.board header .page [aria-hidden="true"]')?.textContent ?? null,
      days,
    };
  }, watchedAlertId);
}

/** Every visible text of the board smaller than `minPx`, as `"text" 26.5px`: what cannot be read from across the platform. */
export function smallTexts(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.board') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      // Off-screen copies (the alerts' measuring layer) and text for screen readers only are not seen.
      if (!el || !node.textContent?.trim() || el.closest('.sr-only, .measure')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min - 0.01) found.push(`"${node.textContent.trim()}" ${size.toFixed(1)}px`);
    }
    return found;
  }, minPx);
}

/** The smallest size of each kind of secondary text on screen, as a share of the destination's (the main size). */
export function secondaryShares(page: Page, selectors: string[]): Promise<Record<string, number | null>> {
  return page.evaluate((kinds) => {
    const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const name = document.querySelector('[data-departure-id] .name');
    const main = name ? size(name) : NaN;
    return Object.fromEntries(
      kinds.map((kind) => {
        const sizes = [...document.querySelectorAll(`[data-departure-id] ${kind}`)].map(size);
        return [kind, sizes.length > 0 ? Math.min(...sizes) / main : null];
      }),
    );
  }, selectors);
}
