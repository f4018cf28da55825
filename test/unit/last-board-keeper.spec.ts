import { LastBoardKeeper } from '../../web/src/offline/last-board-keeper';
import type { LastBoard } from '../../web/src/offline/last-board';
import { board } from '../support/factories';

describe(LastBoardKeeper.name, () => {
  let saved: LastBoard[];
  let keeper: LastBoardKeeper;
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 13, 0, seconds));

  beforeEach(() => {
    jest.useFakeTimers();
    saved = [];
    keeper = new LastBoardKeeper((last) => saved.push(last), 30_000);
  });
  afterEach(() => jest.useRealTimers());

  it('writes the first board at once', () => {
    keeper.keep(board({ seq: 1 }), at(0));
    expect(saved.map((s) => s.board.seq)).toEqual([1]);
  });

  it('writes at most once per window, and then only the latest board with its time', () => {
    keeper.keep(board({ seq: 1 }), at(0));
    keeper.keep(board({ seq: 2 }), at(5));
    keeper.keep(board({ seq: 3 }), at(10));
    jest.advanceTimersByTime(29_999);
    expect(saved).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(saved.map((s) => [s.board.seq, s.asOf])).toEqual([
      [1, at(0)],
      [3, at(10)],
    ]);
  });

  it('writes the next board at once after a quiet window', () => {
    keeper.keep(board({ seq: 1 }), at(0));
    jest.advanceTimersByTime(60_000);
    keeper.keep(board({ seq: 2 }), at(70));
    expect(saved.map((s) => s.board.seq)).toEqual([1, 2]);
  });

  it('writes what is pending when closed, and nothing after', () => {
    keeper.keep(board({ seq: 1 }), at(0));
    keeper.keep(board({ seq: 2 }), at(5));
    keeper.close();
    jest.advanceTimersByTime(60_000);
    expect(saved.map((s) => s.board.seq)).toEqual([1, 2]);
  });
});
