import { ConfigError, loadConfig } from '../../server/src/config/app-config';

describe(loadConfig.name, () => {
  it('has working defaults for a fresh machine', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      listenBacklog: 4096,
      adminToken: null,
      demo: true,
      simulator: true,
      heartbeatMs: 15000,
    });
  });

  it('turns the simulator off', () => {
    expect(loadConfig({ SIMULATOR: 'off' }).simulator).toBe(false);
  });

  it('names every bad variable at once', () => {
    const load = () => loadConfig({ PORT: 'eighty', SIMULATOR: 'maybe', BOARD_ADMIN_TOKEN: 'short' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      [
        'Invalid configuration:',
        '  - BOARD_ADMIN_TOKEN must be at least 16 characters (it guards every write)',
        '  - PORT must be an integer from 0 to 65535, got "eighty"',
        '  - SIMULATOR must be "on" or "off", got "maybe"',
      ].join('\n'),
    );
  });
});
