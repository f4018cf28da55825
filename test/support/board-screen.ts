import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { PutDepartureBody } from '#shared/api';
import { departureBody } from './factories';
import type { TestApp } from './test-app';

/** Creates or replaces a row on the test station through the API. */
export async function putRow(t: TestApp, id: string, overrides: Partial<PutDepartureBody> = {}, minutesFromNow = 30): Promise<void> {
  const res = await t.request(`/api/stations/zurich-hb/departures/${id}`, {
    method: 'PUT',
    auth: true,
    json: departureBody(overrides, minutesFromNow),
  });
  if (res.status >= 300) throw new Error(`PUT departure ${id}: ${res.status} ${await res.text()}`);
}

/** A board screen in its own context, once its first snapshot is on screen. */
export async function openBoard(browser: Browser, t: TestApp, query = '', context: BrowserContextOptions = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 }, ...context });
  const page = await ctx.newPage();
  await page.goto(`${t.baseUrl}/board/zurich-hb${query}`);
  await page.locator('.board header').waitFor();
  return page;
}

/** Closes the page together with the context `openBoard` made for it. */
export function closeBoard(page: Page): Promise<void> {
  return page.context().close();
}

/** The ids of the rows on screen, top to bottom. */
export function rowIds(page: Page): Promise<string[]> {
  return page.locator('[data-departure-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-departure-id') ?? ''));
}

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (its context needs `bypassCSP: true`) and returns its violations, one readable line each, so a failing
 * assertion says which rule failed where. `enhancedContrast` adds the 7:1 (WCAG AAA) rule.
 */
export async function axeViolations(page: Page, { enhancedContrast = false } = {}): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async (enhanced) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { rules: { 'color-contrast-enhanced': { enabled: enhanced } } });
    return result.violations;
  }, enhancedContrast);
  return (violations as AxeResult[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`,
  );
}

/** Polls `read` until it returns something equal to `expected`; then asserts it, so a timeout shows the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!isEqual(value, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  expect(value).toEqual(expected);
}

function isEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every visible text on the page whose colour contrasts less than `min` with the background it
 * is drawn on, as `"text" 4.8:1 (#rrggbb on #rrggbb)`. Stricter than axe-core, which asks only
 * 4.5:1 of large text even at AAA, and every text on a board is large. Backgrounds are taken from
 * the nearest ancestor with an opaque one, which is how the board is built (no images, no gradients).
 */
export function lowContrastTexts(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minimum) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const hex = (c: number[]) =>
      `#${c
        .slice(0, 3)
        .map((v) => v.toString(16).padStart(2, '0'))
        .join('')}`;
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const color = rgb(getComputedStyle(el).backgroundColor);
        if (color.length === 3 || (color.length === 4 && color[3] === 1)) return color;
      }
      return [255, 255, 255];
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest('.sr-only, [aria-hidden="true"] .sr-only')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const fg = rgb(getComputedStyle(el).color);
      const bg = background(el);
      const [a, b] = [luminance(fg), luminance(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < minimum) found.push(`"${node.textContent.trim()}" ${ratio.toFixed(2)}:1 (${hex(fg)} on ${hex(bg)})`);
    }
    return found;
  }, min);
}
