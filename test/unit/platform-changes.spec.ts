import { notePlatformChanges, PLATFORM_NEWS_MS, platformIsNews } from '../../web/src/lib/platform-changes';
import { board, departure } from '../support/factories';

describe(notePlatformChanges.name, () => {
  const at = 1_000_000;
  const before = board({ departures: [departure({ id: 'a', platform: '5', scheduledPlatform: '5' }), departure({ id: 'b' })] });
  const moved = board({ departures: [departure({ id: 'a', platform: '7', scheduledPlatform: '5' }), departure({ id: 'b' })] });

  it('notes when a row moves to another platform', () => {
    expect([...notePlatformChanges(new Map(), before, moved, at)]).toEqual([['a', at]]);
  });

  it('knows of no change on a screen that just started', () => {
    const none = new Map();
    expect(notePlatformChanges(none, null, moved, at)).toBe(none);
  });

  it('returns the same map when no platform changed', () => {
    const changes = new Map([['a', at]]);
    const delayed = board({
      departures: [departure({ id: 'a', platform: '7', scheduledPlatform: '5', expectedTime: '2026-11-23T09:40:00.000Z' })],
    });
    expect(notePlatformChanges(changes, moved, delayed, at + 1000)).toBe(changes);
  });

  it('forgets a change once it is no longer news', () => {
    const changes = new Map([['a', at]]);
    expect(notePlatformChanges(changes, moved, { ...moved, seq: 99 }, at + PLATFORM_NEWS_MS).size).toBe(0);
  });
});

describe(platformIsNews.name, () => {
  const row = departure({ id: 'a', platform: '7', scheduledPlatform: '5' });
  const changes = new Map([['a', 0]]);

  it('is news for a while after the change, then not', () => {
    expect(platformIsNews(changes, row, PLATFORM_NEWS_MS - 1)).toBe(true);
    expect(platformIsNews(changes, row, PLATFORM_NEWS_MS)).toBe(false);
  });

  it('is not news when the row went back to its timetabled platform', () => {
    expect(platformIsNews(changes, { ...row, platform: '5' }, 1)).toBe(false);
  });
});
