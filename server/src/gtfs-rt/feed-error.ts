/** A body that is not a GTFS-Realtime feed Headway can read; the message says why, for the feed's operator. */
export class FeedError extends Error {
  override readonly name = 'FeedError';
}
