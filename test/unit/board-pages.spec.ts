import { PINNED_MINUTES, planPages, rowsOnPage, soonRows } from '../../web/src/lib/board-pages';

describe(planPages.name, () => {
  const sizes = (rows: number, slots: number, soon: number) => planPages(rows, slots, soon).pages.map((page) => page.count);

  it('keeps every row in place when all of them fit', () => {
    expect(planPages(5, 8, 5)).toEqual({ pinned: 5, pages: [{ start: 5, count: 0 }] });
    expect(planPages(0, 8, 0)).toEqual({ pinned: 0, pages: [{ start: 0, count: 0 }] });
  });

  it('pins the rows leaving soon, and later rows take turns below them', () => {
    const plan = planPages(20, 9, 5);
    expect(plan.pinned).toBe(5);
    expect(plan.pages[0].start).toBe(5);
    expect(plan.pages.every((page) => page.count <= 9 - 5)).toBe(true);
  });

  it('pins at least half the places, so a quiet station keeps its next trains too', () => {
    expect(planPages(20, 9, 1).pinned).toBe(5);
    expect(planPages(20, 8, 0).pinned).toBe(4);
  });

  it('leaves a third of the places turning however busy the next minutes are', () => {
    expect(planPages(60, 6, 12).pinned).toBe(4);
    expect(planPages(60, 9, 12).pinned).toBe(6);
    expect(planPages(60, 2, 12).pinned).toBe(1);
  });

  it('balances the pages: they differ by at most one row, so none holds a lone row', () => {
    // 9 later rows in 4 places: 3, 3, 3 rather than 4, 4, 1.
    expect(sizes(13, 8, 4)).toEqual([3, 3, 3]);
    expect(sizes(58 + 4, 6, 4)).toEqual(Array(29).fill(2));
    expect(sizes(12, 7, 4)).toEqual([3, 3, 2]);
  });

  it('shows every later row exactly once per cycle, in order', () => {
    const plan = planPages(47, 10, 6);
    const later = plan.pages.flatMap((page) => Array.from({ length: page.count }, (_, i) => page.start + i));
    expect(later).toEqual(Array.from({ length: 47 - plan.pinned }, (_, i) => plan.pinned + i));
  });

  it('still turns on a screen with room for a single row', () => {
    expect(planPages(3, 1, 3)).toEqual({
      pinned: 0,
      pages: [
        { start: 0, count: 1 },
        { start: 1, count: 1 },
        { start: 2, count: 1 },
      ],
    });
  });
});

describe(soonRows.name, () => {
  const now = Date.parse('2026-12-01T17:00:00Z');
  const at = (minutes: number, late = 0) => ({
    scheduledTime: new Date(now + minutes * 60_000).toISOString(),
    expectedTime: late ? new Date(now + (minutes + late) * 60_000).toISOString() : null,
  });

  it(`counts the first rows that leave within ${PINNED_MINUTES} minutes`, () => {
    expect(soonRows([at(1), at(5), at(19), at(21), at(40)], now)).toBe(3);
    expect(soonRows([], now)).toBe(0);
  });

  it('goes by the estimate where there is one', () => {
    expect(soonRows([at(1), at(15, 10), at(19)], now)).toBe(3);
    expect(soonRows([at(1), at(19), at(15, 10)], now)).toBe(2);
  });
});

describe(rowsOnPage.name, () => {
  it('gives the pinned rows, then the rows of the page', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const plan = planPages(rows.length, 4, 2);
    expect(plan.pinned).toBe(2);
    expect([0, 1, 2].map((page) => rowsOnPage(rows, plan, page))).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'e', 'f'],
      ['a', 'b', 'g'],
    ]);
  });
});
