import {
  MAX_STARTS_PER_STATION,
  type SharedSnapshot,
  SNAPSHOT_MAX_AGE_MS,
  StationStarts,
  type StationWatch,
} from '../../server/src/board-stream/station-starts';

/** A store whose board a test moves by hand, and whose loads it releases when it wants. */
class FakeStore {
  seq = 0;
  builds = 0;
  private readonly pending: Array<() => void> = [];
  /** When set, loads wait for `release()`, as a slow store would. */
  held = false;

  readonly build = (stationId: string): Promise<SharedSnapshot | null> => {
    this.builds++;
    // The board as of the moment the store is read: when the load starts.
    const seq = this.seq;
    const snapshot = { seq, id: `e.${seq}`, data: `${stationId}@${seq}`, body: Buffer.from(`data: ${seq}\n\n`), builtAt: Date.now() };
    if (!this.held) return Promise.resolve(snapshot);
    return new Promise((resolve) => this.pending.push(() => resolve(snapshot)));
  };

  release(): void {
    this.pending.splice(0).forEach((resolve) => resolve());
  }
}

describe(StationStarts.name, () => {
  let store: FakeStore;
  let starts: StationStarts;

  /** What the stream service asks for a snapshot. */
  const snapshot = (watch: StationWatch, stationId = 'zh') => watch.start('snapshot', () => store.build(stationId), SNAPSHOT_MAX_AGE_MS);

  beforeEach(() => {
    store = new FakeStore();
    starts = new StationStarts();
  });
  afterEach(() => jest.useRealTimers());

  it('builds one snapshot for every screen connecting at the same position', async () => {
    store.seq = 4;
    const screens = Array.from({ length: 50 }, () => starts.join('zh'));
    const snapshots = await Promise.all(screens.map((screen) => snapshot(screen)));
    expect(store.builds).toBe(1);
    expect(new Set(snapshots).size).toBe(1);
    expect(snapshots[0]?.seq).toBe(4);
    expect(await snapshot(starts.join('zh'))).toBe(snapshots[0]);
    expect(store.builds).toBe(1);
  });

  it('builds a new snapshot once a newer change reached the station', async () => {
    const first = starts.join('zh');
    await snapshot(first);
    store.seq = 1;
    first.saw(1);
    expect((await snapshot(starts.join('zh')))?.seq).toBe(1);
    expect(store.builds).toBe(2);
  });

  it('keeps the snapshot for a change it already contains', async () => {
    store.seq = 3;
    const first = starts.join('zh');
    await snapshot(first);
    first.saw(3);
    await snapshot(starts.join('zh'));
    expect(store.builds).toBe(1);
  });

  it('does not share a snapshot that was read before a change the joining screen did not buffer', async () => {
    const first = starts.join('zh');
    store.held = true;
    const loading = snapshot(first);
    // Change 1 is stored and delivered while the shared load (read at seq 0) is in flight...
    store.seq = 1;
    first.saw(1);
    // ...and only then does this screen subscribe: change 1 is in no buffer of its own.
    const late = snapshot(starts.join('zh'));
    store.release();
    expect((await loading)?.seq).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    store.release();
    expect((await late)?.seq).toBe(1);
    // Nor is the stale one kept for later screens.
    store.held = false;
    expect((await snapshot(starts.join('zh')))?.seq).toBe(1);
  });

  it('builds again once a snapshot is older than its serverTime may be', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const screen = starts.join('zh');
    await snapshot(screen);
    jest.setSystemTime(1_000_000 + SNAPSHOT_MAX_AGE_MS);
    await snapshot(starts.join('zh'));
    expect(store.builds).toBe(2);
  });

  it('forgets a station when its last screen leaves', async () => {
    const a = starts.join('zh');
    const b = starts.join('zh');
    await snapshot(a);
    a.leave();
    a.leave();
    expect(starts.size).toBe(1);
    b.leave();
    expect(starts.size).toBe(0);
    // Changes that reach no screen are not seen, so nothing from before may be reused.
    store.seq = 9;
    expect((await snapshot(starts.join('zh')))?.seq).toBe(9);
  });

  it('keeps one snapshot per station', async () => {
    const zh = starts.join('zh');
    const be = starts.join('be');
    await Promise.all([snapshot(zh), snapshot(be, 'be')]);
    zh.saw(1);
    store.seq = 1;
    await snapshot(starts.join('zh'));
    expect(starts.size).toBe(2);
  });

  it('keeps a replay per position, and drops them all once the seq moves', async () => {
    const screen = starts.join('zh');
    store.seq = 5;
    const replay = (after: number) => screen.start(`replay:${after}`, () => store.build('zh'));
    expect(await replay(3)).toBe(await replay(3));
    await replay(4);
    expect(store.builds).toBe(2);
    screen.saw(6);
    expect(starts.size).toBe(0);
  });

  it('holds a bounded number of starts per station, and still shares the rest while they load', async () => {
    const screen = starts.join('zh');
    for (let after = 0; after < MAX_STARTS_PER_STATION + 4; after++) await screen.start(`replay:${after}`, () => store.build('zh'));
    expect(starts.size).toBe(MAX_STARTS_PER_STATION);
  });

  it('passes on a start that cannot be built, and keeps nothing for it', async () => {
    const screen = starts.join('zh');
    expect(await screen.start('replay:99', () => Promise.resolve(null))).toBeNull();
    expect(starts.size).toBe(0);
  });
});
