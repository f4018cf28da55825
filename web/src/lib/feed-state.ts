import type { Board } from '#shared/board';
import type { HeartbeatEvent } from '#shared/board-event';

/** The board with its feed's freshness as the latest heartbeat tells it (the same board when nothing changed). */
export function withFeedState(board: Board | null, beat: HeartbeatEvent): Board | null {
  const feed = board?.feed;
  if (!board || !feed) return board;
  const staleFeeds = beat.staleFeeds ?? {};
  const stale = Object.hasOwn(staleFeeds, feed.feedId);
  const dataAt = stale ? staleFeeds[feed.feedId] : feed.dataAt;
  if (stale === feed.stale && dataAt === feed.dataAt) return board;
  return { ...board, feed: { ...feed, stale, dataAt } };
}
