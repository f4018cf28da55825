import { gzipSync } from 'node:zlib';
import { decodeFeed } from '../../server/src/gtfs-rt/decode-feed';
import { FeedError } from '../../server/src/gtfs-rt/feed-error';
import { encodeFeed, feedBytes } from '../support/gtfs-rt-feeds';

function decodeError(body: Buffer): FeedError {
  try {
    decodeFeed(body);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('expected a FeedError');
}

describe(decodeFeed.name, () => {
  it('decodes a real Caltrain capture into plain typed objects', () => {
    const feed = decodeFeed(feedBytes('caltrain-trip-updates.pb'));
    expect(feed.header).toEqual({ gtfsRealtimeVersion: '1.0', incrementality: 'FULL_DATASET', timestamp: 1699405534 });
    expect(feed.entity).toHaveLength(19);
    const trip124 = feed.entity.find((e) => e.id === '124')?.tripUpdate;
    expect(trip124?.trip).toMatchObject({ tripId: '124', startDate: '20231107', scheduleRelationship: 'SCHEDULED', routeId: 'L1' });
    expect(trip124?.stopTimeUpdate[0]).toEqual({
      stopSequence: 20,
      stopId: '70232',
      departure: { time: 1699405504 },
      scheduleRelationship: 'SCHEDULED',
    });
  });

  it('decodes a real MBTA alerts capture, repeated fields always arrays', () => {
    const feed = decodeFeed(feedBytes('mbta-alerts.pb'));
    expect(feed.entity).toHaveLength(51);
    const alert = feed.entity.find((e) => e.id === '105025')?.alert;
    expect(alert).toMatchObject({ effect: 'OTHER_EFFECT', activePeriod: [{ start: 1451727000 }] });
    expect(alert?.headerText?.translation).toEqual([{ text: 'elevator unavailable', language: 'en' }]);
  });

  it('keeps assigned_stop_id and severity_level, which the bundled proto knows', () => {
    const feed = decodeFeed(
      encodeFeed({
        header: { gtfsRealtimeVersion: '2.0' },
        entity: [
          {
            id: 't',
            tripUpdate: {
              trip: { tripId: '124' },
              stopTimeUpdate: [{ stopSequence: 21, stopTimeProperties: { assignedStopId: '70241' } }],
            },
          },
          { id: 'a', alert: { informedEntity: [{ stopId: '70026' }], severityLevel: 'SEVERE' } },
        ],
      }),
    );
    expect(feed.entity[0].tripUpdate?.stopTimeUpdate[0].stopTimeProperties).toEqual({ assignedStopId: '70241' });
    expect(feed.entity[1].alert?.severityLevel).toBe('SEVERE');
  });

  it('rejects an empty body', () => {
    expect(decodeError(Buffer.alloc(0)).message).toBe('the body is empty: expected a GTFS-Realtime FeedMessage');
  });

  it('rejects a gzip-compressed body the client did not declare', () => {
    expect(decodeError(gzipSync(feedBytes('caltrain-trip-updates.pb'))).message).toBe(
      'the body is gzip-compressed; send it with Content-Encoding: gzip',
    );
  });

  it('rejects bytes that are not protobuf, naming protobufjs’s reason', () => {
    expect(decodeError(Buffer.from('<html>Service unavailable</html>')).message).toBe(
      'not a GTFS-Realtime FeedMessage: invalid wire type 4 at offset 1',
    );
  });

  it('rejects a truncated message', () => {
    expect(decodeError(feedBytes('caltrain-trip-updates.pb').subarray(0, 100)).message).toMatch(
      /^not a GTFS-Realtime FeedMessage: index out of range/,
    );
  });

  it('rejects a message without a header', () => {
    // Field 2 (an entity with id "1") and no field 1: a FeedMessage missing its required header.
    expect(decodeError(Buffer.from([0x12, 0x03, 0x0a, 0x01, 0x31])).message).toBe('the FeedMessage has no header');
  });

  it('rejects a header without gtfs_realtime_version, absent or empty', () => {
    expect(decodeError(Buffer.from([0x0a, 0x00])).message).toBe('the feed header has no gtfs_realtime_version');
    expect(decodeError(encodeFeed({ header: { gtfsRealtimeVersion: '' } })).message).toBe('the feed header has no gtfs_realtime_version');
  });

  it('accepts versions 1.x and 2.x and rejects any other', () => {
    expect(decodeFeed(encodeFeed({ header: { gtfsRealtimeVersion: '2.0' } })).entity).toEqual([]);
    expect(decodeFeed(encodeFeed({ header: { gtfsRealtimeVersion: '1' } })).header.gtfsRealtimeVersion).toBe('1');
    expect(decodeError(encodeFeed({ header: { gtfsRealtimeVersion: '3.0' } })).message).toBe(
      'gtfs_realtime_version "3.0" is not supported: expected 1.x or 2.x',
    );
    expect(decodeError(encodeFeed({ header: { gtfsRealtimeVersion: 'v1' } })).message).toMatch(
      /^gtfs_realtime_version "v1" is not supported/,
    );
  });
});
