import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Board } from '#shared/board';
import { ownEnv } from '../support/server-process';
import { startTestApp, TEST_TOKEN } from '../support/test-app';

const run = promisify(execFile);
/** The CLI as `npm run import:gtfs` runs it, after the build. */
const CLI = join(__dirname, '../../dist/server/src/cli/import-gtfs.js');
const ZIP = join(__dirname, '../fixtures/gtfs/caltrain-gtfs.zip');
const CLOCK = '2023-11-08T00:00:00Z';

describe('npm run import:gtfs (the built CLI)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'headway-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const cli = (args: string[]) => run(process.execPath, [CLI, ...args], { env: { ...ownEnv(), DATA_DIR: dataDir, CLOCK, PORT: '1' } });

  it('imports straight into DATA_DIR when no server answers, then through a running server', async () => {
    const offline = await cli([ZIP, '--from', '2023-11-07', '--days', '1']);
    expect(offline.stdout).toMatch(/Feed "caltrain": \d+ stations, 9 lines, \d+ runs of trips on 1 service day\(s\) from 2023-11-07/);
    expect(offline.stdout).toMatch(/Board rows: \d+ created/);

    const t = await startTestApp({ CLOCK }, {}, { dataDir });
    try {
      const board = (await (await t.request('/api/stations/caltrain-lawrence/board')).json()) as Board;
      expect(board.departures.some((d) => d.id === '124.20231107')).toBe(true);
      const online = await cli([ZIP, '--from', '2023-11-07', '--days', '1', '--server', t.baseUrl, '--token', TEST_TOKEN]);
      expect(online.stderr).toContain(`Sending`);
      // The server's own stages, as it went through them (streamed back as NDJSON).
      expect(online.stderr).toMatch(/ stops +109\/109\n/);
      expect(online.stderr).toMatch(/ stop_times +3498\/3498\n/);
      expect(online.stderr).toMatch(/ storing +…\n/);
      expect(online.stdout).toMatch(/Board rows: 0 created, 0 changed, 0 removed, \d+ unchanged/);
    } finally {
      await t.close();
    }
  });

  it('says what is wrong with a bad file and exits non-zero', async () => {
    const missing = cli(['nowhere.zip', '--offline']);
    await expect(missing).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No such file: nowhere.zip') });
    const notZip = cli([__filename, '--offline', '--feed', 'x']);
    await expect(notZip).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/Import failed: .*zip/i) });
    await expect(cli(['--days', '99', ZIP])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--days must be') });
  });
});
