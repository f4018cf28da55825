import type { Board } from '#shared/board';
import type { LastBoard } from './last-board';

/**
 * At most one write per half minute: a busy station changes several times a second, and a
 * screen's flash storage need not see each change. The kept board is then at most this old (and
 * its "as of" says exactly how old).
 */
export const KEEP_EVERY_MS = 30_000;

/**
 * Throttles the keeping of a station's board: the first board is written at once (so even a
 * screen that was up for seconds starts offline with it), later ones at most every `everyMs`,
 * always the latest, and whatever is pending when the stream closes.
 */
export class LastBoardKeeper {
  #save: (last: LastBoard) => void;
  #everyMs: number;
  #pending: LastBoard | null = null;
  #window: ReturnType<typeof setTimeout> | undefined;

  constructor(save: (last: LastBoard) => void, everyMs = KEEP_EVERY_MS) {
    this.#save = save;
    this.#everyMs = everyMs;
  }

  /** `board` is current as of `asOf`. */
  keep(board: Board, asOf: Date): void {
    this.#pending = { board, asOf };
    if (this.#window === undefined) this.#flush();
  }

  close(): void {
    clearTimeout(this.#window);
    this.#window = undefined;
    if (this.#pending) this.#save(this.#pending);
    this.#pending = null;
  }

  #flush = (): void => {
    const pending = this.#pending;
    this.#pending = null;
    // Nothing new during the last window: the next board is written as soon as it comes.
    this.#window = pending ? setTimeout(this.#flush, this.#everyMs) : undefined;
    if (pending) this.#save(pending);
  };
}
