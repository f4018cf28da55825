/** What a stream can start with, built once for every screen that starts at the same station position. */
export interface SharedStart {
  /** The position it brings a screen to. */
  seq: number;
  /** When it was built (ms, `Date.now()`). */
  builtAt: number;
}

/** A station's snapshot, serialized and framed once. */
export interface SharedSnapshot extends SharedStart {
  /** Its SSE `id` (`<epoch>.<seq>`). */
  id: string;
  /** The event's JSON, shared (not copied) by every screen's message: Nest counts its length towards the screen's backlog. */
  data: string;
  /** The `data:` line and the blank line that end the event, framed once; each screen adds its own `event`/`id`/`retry` head. */
  body: Buffer;
}

/**
 * How long a snapshot is handed out after it was built. Screens set their clocks by its
 * `serverTime` and show the feed's freshness from it, so it must not age past what a board
 * shows; a reconnect storm still builds it only about once a second per station.
 */
export const SNAPSHOT_MAX_AGE_MS = 1_000;

/**
 * How long a station's stored board is reused for snapshots at the same position. Every change
 * moves the position and drops it at once; what changes without one (a station's name) reaches a
 * connecting screen at most this late. A reconnect storm then reads each board about once.
 */
export const STORED_BOARD_MAX_AGE_MS = 30_000;

/** Starts held per station at once (a snapshot and replays from a few positions); past it, they are still shared while loading. */
export const MAX_STARTS_PER_STATION = 8;

/** What this instance knows about one watched station. */
interface Station {
  screens: number;
  /** The highest seq delivered to the station's screens since it last had none. */
  head: number;
  /** By key (`snapshot`, `replay:<seq>`): starts built, and starts being built. */
  held: Map<string, SharedStart>;
  loading: Map<string, Promise<SharedStart | null>>;
}

/** One screen's membership of a station, from before its stream starts until it closes. */
export interface StationWatch {
  /** Tells the station a change reached this screen's live subscription (called for every change, cheap). */
  saw(seq: number): void;
  /**
   * The start under `key`, valid for this screen: the one shared by every screen at the
   * station's position, or one built for this screen alone when the shared one predates a change
   * this screen did not buffer. `null` (from `build`) is passed on and not kept.
   */
  start<T extends SharedStart>(key: string, build: () => Promise<T | null>, maxAgeMs?: number): Promise<T | null>;
  leave(): void;
}

/**
 * The starts of every watched station, each built at most once per position and in flight at
 * most once, however many screens connect at once; dropped as soon as the station's seq moves.
 *
 * Why a shared start is never stale for a screen: a screen joins (and subscribes to live changes)
 * before it asks for a start, so every change delivered after it joined is in its own buffer;
 * every change delivered before is at most `head` as it was when the screen joined. A start at
 * `seq >= that head` therefore contains them all. A station is forgotten when its last screen
 * leaves, because changes that reach no screen cannot move `head`.
 */
export class StationStarts {
  private readonly stations = new Map<string, Station>();

  join(stationId: string): StationWatch {
    let station = this.stations.get(stationId);
    if (!station) {
      station = { screens: 0, head: 0, held: new Map(), loading: new Map() };
      this.stations.set(stationId, station);
    }
    station.screens++;
    const joined = station;
    const headWhenJoined = station.head;
    let left = false;
    return {
      saw: (seq) => {
        if (seq <= joined.head) return;
        joined.head = seq;
        for (const [key, start] of joined.held) if (start.seq < seq) joined.held.delete(key);
      },
      start: async <T extends SharedStart>(key: string, build: () => Promise<T | null>, maxAgeMs = Infinity) => {
        const shared = (await this.shared(stationId, joined, key, build, maxAgeMs)) as T | null;
        return shared === null || shared.seq >= headWhenJoined ? shared : build();
      },
      leave: () => {
        if (left) return;
        left = true;
        if (--joined.screens === 0 && this.stations.get(stationId) === joined) this.stations.delete(stationId);
      },
    };
  }

  /** Starts held over all stations, for tests. */
  get size(): number {
    let held = 0;
    for (const station of this.stations.values()) held += station.held.size;
    return held;
  }

  private shared(
    stationId: string,
    station: Station,
    key: string,
    build: () => Promise<SharedStart | null>,
    maxAgeMs: number,
  ): Promise<SharedStart | null> {
    const held = station.held.get(key);
    if (held && Date.now() - held.builtAt < maxAgeMs) return Promise.resolve(held);
    station.held.delete(key);
    const inFlight = station.loading.get(key);
    if (inFlight) return inFlight;
    const loading = build().finally(() => {
      if (station.loading.get(key) === loading) station.loading.delete(key);
    });
    station.loading.set(key, loading);
    void loading.then(
      (start) => {
        // Kept only if no change newer than it was delivered while it loaded, and the station is still watched.
        const current = start && start.seq >= station.head && this.stations.get(stationId) === station;
        if (current && station.held.size < MAX_STARTS_PER_STATION) station.held.set(key, start);
      },
      () => undefined,
    );
    return loading;
  }
}
