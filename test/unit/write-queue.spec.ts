import { ApiException } from '../../server/src/common/api-exception';
import { WriteQueue } from '../../server/src/board-core/write-queue';

/** A write that runs until released, recording when it started. */
function held(log: string[], name: string): { task: () => Promise<string>; release: () => void } {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(name);
      await done;
      return name;
    },
    release,
  };
}

function refusal(run: () => unknown): ApiException {
  try {
    run();
  } catch (error) {
    return error as ApiException;
  }
  throw new Error('not refused');
}

describe('WriteQueue', () => {
  it('runs writes one at a time, in the order they came', async () => {
    const queue = new WriteQueue(100);
    const log: string[] = [];
    const a = held(log, 'a');
    const b = held(log, 'b');
    const ra = queue.run(10, a.task);
    const rb = queue.run(10, b.task);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a']);
    expect(queue.state).toMatchObject({ writes: 2, changes: 20 });
    a.release();
    await ra;
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a', 'b']);
    b.release();
    expect(await rb).toBe('b');
    expect(queue.state).toEqual({ writes: 0, changes: 0, oldestWaitSeconds: 0 });
  });

  it('refuses a write that does not fit with 503 overloaded and a Retry-After, and runs nothing of it', async () => {
    const refused: string[] = [];
    const queue = new WriteQueue(
      100,
      () => false,
      (reason) => refused.push(reason),
    );
    const a = held([], 'a');
    const ra = queue.run(80, a.task);
    let ran = false;
    const error = refusal(() => queue.run(30, async () => (ran = true)));
    expect(error.getStatus()).toBe(503);
    expect(error.getResponse()).toMatchObject({ error: 'overloaded' });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused).toEqual(['queue_full']);
    a.release();
    await ra;
    expect(ran).toBe(false);
    expect(queue.state.changes).toBe(0);
  });

  it("keeps a reserve for small writes (an operator's), and runs a write larger than the limit when nothing waits", async () => {
    const queue = new WriteQueue(100);
    const big = held([], 'big');
    const rbig = queue.run(500, big.task);
    expect(() => queue.run(20, async () => 'batch')).toThrow(ApiException);
    const small = queue.run(1, async () => 'small');
    big.release();
    await rbig;
    expect(await small).toBe('small');

    const full = held([], 'full');
    const rfull = queue.run(100, full.task);
    const smalls = Array.from({ length: 10 }, () => queue.run(1, async () => 'ok'));
    expect(() => queue.run(1, async () => 'over the reserve')).toThrow(ApiException);
    full.release();
    await rfull;
    expect(await Promise.all(smalls)).toHaveLength(10);
  });

  it('while behind, refuses batches but still takes small writes', async () => {
    let behind = true;
    const refused: string[] = [];
    const queue = new WriteQueue(
      1_000,
      () => behind,
      (reason) => refused.push(reason),
    );
    expect(() => queue.run(11, async () => 'batch')).toThrow(ApiException);
    expect(await queue.run(10, async () => 'small')).toBe('small');
    behind = false;
    expect(await queue.run(11, async () => 'batch')).toBe('batch');
    expect(refused).toEqual(['behind']);
  });

  it('frees the room of a write that failed', async () => {
    const queue = new WriteQueue(10);
    await expect(queue.run(10, async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(queue.state.changes).toBe(0);
    expect(await queue.run(10, async () => 'next')).toBe('next');
  });
});
