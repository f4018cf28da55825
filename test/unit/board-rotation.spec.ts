import { boardRotation, pageCount, pageOf, rotateWindow, TURN_MS } from '../../web/src/lib/board-rotation';

describe(boardRotation.name, () => {
  const at = (turn: number, rows: number, perPage: number, langs: number) => boardRotation(turn * TURN_MS + 1234, rows, perPage, langs);

  it('stays on one page when everything fits', () => {
    expect(at(0, 5, 8, 1)).toEqual({ page: 0, pages: 1, lang: 0 });
    expect(at(7, 5, 8, 1)).toEqual({ page: 0, pages: 1, lang: 0 });
  });

  it('turns the page every turn and comes round again', () => {
    expect([0, 1, 2, 3, 4].map((turn) => at(turn, 25, 10, 1).page)).toEqual([0, 1, 2, 0, 1]);
    expect(at(0, 25, 10, 1).pages).toBe(3);
  });

  it('changes the language every turn when everything fits on one page', () => {
    expect([0, 1, 2, 3].map((turn) => at(turn, 5, 10, 2).lang)).toEqual([0, 1, 0, 1]);
  });

  it('changes the language after the last page, so every page is shown in every language', () => {
    const seen = [0, 1, 2, 3].map((turn) => at(turn, 20, 10, 2)).map(({ page, lang }) => `${page}/${lang}`);
    expect(seen).toEqual(['0/0', '1/0', '0/1', '1/1']);
  });

  it('is the same for every screen at the same instant', () => {
    expect(boardRotation(1_700_000_004_000, 30, 8, 2)).toEqual(boardRotation(1_700_000_009_999, 30, 8, 2));
  });

  it('survives no rows, no room and no languages', () => {
    expect(boardRotation(5 * TURN_MS, 0, 0, 0)).toEqual({ page: 0, pages: 1, lang: 0 });
  });
});

describe(pageCount.name, () => {
  it('rounds up and never says zero', () => {
    expect(pageCount(0, 8)).toBe(1);
    expect(pageCount(8, 8)).toBe(1);
    expect(pageCount(9, 8)).toBe(2);
  });
});

describe(pageOf.name, () => {
  it('gives the rows of one page; the last may be short', () => {
    const rows = [1, 2, 3, 4, 5];
    expect(pageOf(rows, 0, 2)).toEqual([1, 2]);
    expect(pageOf(rows, 2, 2)).toEqual([5]);
  });
});

describe(rotateWindow.name, () => {
  it('shows everything when it fits', () => {
    expect(rotateWindow(['a', 'b'], 2, 5)).toEqual(['a', 'b']);
  });

  it('cycles through the rest, keeping the original order', () => {
    const items = ['severe', 'warning', 'info'];
    expect([0, 1, 2].map((turn) => rotateWindow(items, 2, turn))).toEqual([
      ['severe', 'warning'],
      ['severe', 'info'],
      ['warning', 'info'],
    ]);
  });
});
