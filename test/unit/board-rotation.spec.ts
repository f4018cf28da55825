import { boardRotation, turnAt } from '../../web/src/lib/board-rotation';

describe(boardRotation.name, () => {
  it('stays on one page when everything fits', () => {
    expect(boardRotation(0, 1, 1)).toEqual({ page: 0, pages: 1, lang: 0 });
    expect(boardRotation(7, 1, 1)).toEqual({ page: 0, pages: 1, lang: 0 });
  });

  it('turns the page every turn and comes round again', () => {
    expect([0, 1, 2, 3, 4].map((turn) => boardRotation(turn, 3, 1).page)).toEqual([0, 1, 2, 0, 1]);
  });

  it('changes the language every turn when everything fits on one page', () => {
    expect([0, 1, 2, 3].map((turn) => boardRotation(turn, 1, 2).lang)).toEqual([0, 1, 0, 1]);
  });

  it('changes the language after the last page, so every page is shown in every language', () => {
    const seen = [0, 1, 2, 3].map((turn) => boardRotation(turn, 2, 2)).map(({ page, lang }) => `${page}/${lang}`);
    expect(seen).toEqual(['0/0', '1/0', '0/1', '1/1']);
  });

  it('survives no pages, no languages and a turn before the epoch', () => {
    expect(boardRotation(-5, 0, 0)).toEqual({ page: 0, pages: 1, lang: 0 });
  });
});

describe(turnAt.name, () => {
  it('counts whole periods, the same for every screen within one', () => {
    expect(turnAt(1_700_000_004_000, 10_000)).toBe(turnAt(1_700_000_009_999, 10_000));
    expect(turnAt(1_700_000_010_000, 10_000)).toBe(turnAt(1_700_000_009_999, 10_000) + 1);
  });

  it('follows the period it is given (?turn=)', () => {
    expect(turnAt(9_999, 2_000)).toBe(4);
    expect(turnAt(9_999, 0)).toBe(9_999);
  });
});
