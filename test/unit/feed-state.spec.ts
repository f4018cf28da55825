import type { HeartbeatEvent } from '#shared/board-event';
import { withFeedState } from '../../web/src/lib/feed-state';
import { board } from '../support/factories';

const beat = (staleFeeds?: Record<string, string | null>): HeartbeatEvent => ({
  type: 'heartbeat',
  serverTime: '2023-11-08T02:00:00.000Z',
  version: '1',
  intervalMs: 15_000,
  ...(staleFeeds ? { staleFeeds } : {}),
});
const fed = board({ feed: { feedId: 'caltrain', name: 'Caltrain', dataAt: '2023-11-08T01:05:34.000Z', stale: false } });

describe(withFeedState.name, () => {
  it('marks a board stale when the heartbeat lists its feed, with the time of its latest data', () => {
    const stale = withFeedState(fed, beat({ caltrain: '2023-11-08T01:05:34.000Z' }));
    expect(stale?.feed).toEqual({ feedId: 'caltrain', name: 'Caltrain', dataAt: '2023-11-08T01:05:34.000Z', stale: true });
  });

  it('makes it current again when the feed is no longer listed', () => {
    const stale = withFeedState(fed, beat({ caltrain: null }));
    expect(withFeedState(stale, beat())?.feed?.stale).toBe(false);
  });

  it('keeps the same board when nothing changed, and ignores other feeds and boards without a feed', () => {
    expect(withFeedState(fed, beat({ bart: null }))).toBe(fed);
    const plain = board();
    expect(withFeedState(plain, beat({ caltrain: null }))).toBe(plain);
  });
});
