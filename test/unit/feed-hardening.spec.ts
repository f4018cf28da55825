import type { Principal } from '#shared/auth';
import { redactUrl } from '../../server/src/common/redact-url';
import { feedHeadersProblem } from '../../server/src/feeds/dto/is-feed-headers';
import { describeRefusal, permittedChanges } from '../../server/src/feeds/feed-permissions';
import { isPrivateAddress, targetProblem } from '../../server/src/feeds/feed-target';
import { FeedTextTally } from '../../server/src/gtfs/feed-text';
import type { PendingChange } from '../../server/src/store/append-changes';

describe(redactUrl.name, () => {
  it.each([
    ['https://agency.example/tu.pb?api_key=s3cret&format=pb', 'https://agency.example/tu.pb?api_key=REDACTED&format=pb'],
    ['https://user:pw@agency.example/tu.pb', 'https://REDACTED@agency.example/tu.pb'],
    [
      'https://agency.example/tu.pb?apikey=a&token=b&access_token=c&sig=d&Signature=e&client_secret=f&password=g&auth=h&key=i',
      'https://agency.example/tu.pb?apikey=REDACTED&token=REDACTED&access_token=REDACTED&sig=REDACTED&Signature=REDACTED&client_secret=REDACTED&password=REDACTED&auth=REDACTED&key=REDACTED',
    ],
    ['/metrics?token=abc', '/metrics?token=REDACTED'],
  ])('redacts %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('leaves URLs without credentials exactly as they were', () => {
    for (const url of ['https://agency.example/tu.pb?format=pb&route=S%208', '/api/stations/zurich-hb/board', 'not a url'])
      expect(redactUrl(url)).toBe(url);
  });
});

describe(isPrivateAddress.name, () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    '::',
    'fc00::1',
    'fd12::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '[::1]',
  ])('counts %s as private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001::1', '::ffff:8.8.8.8'])('counts %s as public', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe(targetProblem.name, () => {
  it('refuses local names and private literals, and lets public names through (they are checked again once resolved)', () => {
    for (const url of [
      'http://localhost/x',
      'http://LOCALHOST:3000/',
      'http://a.localhost/',
      'http://127.1/',
      'http://[::1]:22/',
      'http://0x7f000001/',
    ])
      expect(targetProblem(url)).toMatch(/FEED_ALLOW_PRIVATE=on/);
    for (const url of ['https://agency.example/tu.pb', 'http://8.8.8.8/x']) expect(targetProblem(url)).toBeNull();
  });
});

describe(feedHeadersProblem.name, () => {
  it('accepts a few API key headers, and null', () => {
    expect(feedHeadersProblem({ 'Ocp-Apim-Subscription-Key': 'abc 123', 'x-api-key': 'k' })).toBeNull();
    expect(feedHeadersProblem(null)).toBeNull();
  });

  it('refuses the same header twice in other case', () => {
    expect(feedHeadersProblem({ 'X-Key': 'a', 'x-key': 'b' })).toMatch(/given twice/);
  });
});

describe(permittedChanges.name, () => {
  const principal = (permissions: Principal['permissions'], stations: string[] | null): Principal => ({
    kind: 'token',
    id: 'tok-1',
    name: 'feed',
    permissions,
    stations,
  });
  const alert = (stationId: string): PendingChange => ({ stationId, change: { type: 'alert-cleared', alertId: 'gtfs.1.0' } });
  const departure = (stationId: string): PendingChange => ({ stationId, change: { type: 'departure-removed', departureId: 'd1' } });

  it('needs `alerts` for alerts and `departures` for departures, at each change’s station', () => {
    const actor = { principal: principal(['departures'], ['a']), label: 'Token "feed"' };
    const { allowed, refused } = permittedChanges([departure('a'), departure('b'), alert('a'), alert('a')], actor);
    expect(allowed).toEqual([departure('a')]);
    expect(refused).toEqual([
      { permission: 'departures', stationId: 'b', count: 1 },
      { permission: 'alerts', stationId: 'a', count: 2 },
    ]);
    expect(describeRefusal(refused[1], actor)).toBe('2 alerts refused: Token "feed" may not change alerts at station "a"');
  });

  it('refuses everything for an actor that no longer exists', () => {
    expect(permittedChanges([departure('a')], { principal: null, label: 'gone' }).allowed).toEqual([]);
  });
});

describe(FeedTextTally.name, () => {
  it('strips controls, bidi overrides and stray zero-width characters, counting the texts it changed', () => {
    const texts = new FeedTextTally();
    expect(texts.clean('Main\u202E Street\u0000')).toBe('Main Street');
    expect(texts.clean('Two\nlines')).toBe('Two lines');
    expect(texts.clean('Zürich HB')).toBe('Zürich HB');
    expect(texts.clean('\u200B')).toBe('');
    expect(texts.cleaned).toBe(2);
  });
});
