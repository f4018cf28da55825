import type { BusMessage } from '../../server/src/board-core/board-bus.service';
import { Sequencer } from '../../server/src/board-core/sequencer';

const msg = (seq: number): BusMessage => ({ seq, message: { type: 'departure-set', id: `e.${seq}`, data: `{"seq":${seq}}` } });

/** A sequencer over a fake store log of station `s` holding changes 1..head. */
function setup(head: number, failFill = false) {
  const delivered: number[] = [];
  const fills: number[] = [];
  const store = { head };
  const sequencer = new Sequencer(
    async (_stationId, afterSeq) => {
      fills.push(afterSeq);
      if (failFill) throw new Error('store down');
      return Array.from({ length: Math.max(0, store.head - afterSeq) }, (_, i) => msg(afterSeq + i + 1));
    },
    (_stationId, message) => delivered.push(message.seq),
    () => undefined,
  );
  return { sequencer, delivered, fills, store };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(Sequencer.name, () => {
  it('delivers changes in order and drops the ones already delivered', () => {
    const { sequencer, delivered, fills } = setup(0);
    sequencer.start(new Map([['s', 0]]));
    for (const seq of [1, 2, 2, 1, 3]) sequencer.accept('s', msg(seq));
    expect(delivered).toEqual([1, 2, 3]);
    expect(fills).toEqual([]);
  });

  it('fills a gap from the store, then delivers what was held, each once', async () => {
    const { sequencer, delivered, fills, store } = setup(0);
    sequencer.start(new Map([['s', 0]]));
    sequencer.accept('s', msg(1));
    store.head = 5;
    sequencer.accept('s', msg(4)); // 2 and 3 were lost on the way
    sequencer.accept('s', msg(6));
    sequencer.accept('s', msg(5));
    await settle();
    expect(fills).toEqual([1]);
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('holds changes that come before the store’s heads are known, and sorts them out against them', () => {
    const { sequencer, delivered } = setup(7);
    sequencer.accept('s', msg(7));
    sequencer.accept('s', msg(8));
    expect(delivered).toEqual([]);
    sequencer.start(new Map([['s', 7]]));
    expect(delivered).toEqual([8]);
  });

  it('catches a watched station up after Redis was away, and moves an unwatched one on without reading it', async () => {
    const { sequencer, delivered, fills } = setup(3);
    sequencer.start(
      new Map([
        ['s', 0],
        ['quiet', 0],
      ]),
    );
    sequencer.reconcile(
      new Map([
        ['s', 3],
        ['quiet', 9],
      ]),
      (id) => id === 's',
    );
    await settle();
    expect(delivered).toEqual([1, 2, 3]);
    expect(fills).toEqual([0]);
    sequencer.accept('quiet', msg(10));
    expect(delivered).toEqual([1, 2, 3, 10]);
  });

  it('delivers held changes anyway when the store cannot be read, rather than hold them for ever', async () => {
    const { sequencer, delivered } = setup(0, true);
    sequencer.start(new Map([['s', 0]]));
    sequencer.accept('s', msg(3));
    await settle();
    expect(delivered).toEqual([3]);
  });
});
