import { ConfigError, loadConfig } from '../../server/src/config/app-config';

describe('loadConfig: TRUST_PROXY, METRICS_TOKEN, FRAME_ANCESTORS and BODY_READS_AT_ONCE', () => {
  it.each([
    [undefined, false],
    ['off', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.2, 10.1.0.0/16', ['10.0.0.2', '10.1.0.0/16']],
    ['loopback ::1 fd00::/8', ['loopback', '::1', 'fd00::/8']],
  ])('TRUST_PROXY=%s trusts %j', (raw, expected) => {
    expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['on', 'true', 'yes', '11', 'proxy.example.org', '10.0.0.2, nginx'])(
    'refuses TRUST_PROXY=%s, which would trust any sender or no one known',
    (raw) => {
      expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(
        /TRUST_PROXY must be "off", a hop count from 1 to 10, or the proxies' addresses/,
      );
    },
  );

  it('takes a metrics token of 16+ characters, frame ancestors as origins, and a bound on large body reads', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: null, frameAncestors: [], bodyReadsAtOnce: 4 });
    expect(
      loadConfig({
        METRICS_TOKEN: 'a-metrics-token-0123',
        FRAME_ANCESTORS: 'https://signage.example.org, http://player.local:8080',
        BODY_READS_AT_ONCE: '1',
      }),
    ).toMatchObject({
      metricsToken: 'a-metrics-token-0123',
      frameAncestors: ['https://signage.example.org', 'http://player.local:8080'],
      bodyReadsAtOnce: 1,
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ FRAME_ANCESTORS: 'signage.example.org' })).toThrow(/FRAME_ANCESTORS must list origins/);
    expect(() => loadConfig({ BODY_READS_AT_ONCE: '0' })).toThrow(/BODY_READS_AT_ONCE must be an integer from 1 to 1000/);
  });
});
