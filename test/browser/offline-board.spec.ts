import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserTestsCanRun, launchBrowser, WEB_DIR } from '../support/browser';
import { createStation, putTwoDepartures, startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const describeBrowser = browserTestsCanRun() ? describe : describe.skip;

const REPO = join(__dirname, '../..');
const BOARD = '/board/zurich-hb';

/** The shell caches the page's origin holds (one per build the worker kept). */
const shellCaches = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('headway-shell-')));

/** When the board this screen kept was confirmed (`null` before it kept one). */
const keptAsOf = (page: Page) =>
  page.evaluate(async () => {
    const kept = await caches.match('/offline/last-board/zurich-hb', { cacheName: 'headway-last-boards' });
    return kept ? ((await kept.json()) as { serverTime: string }).serverTime : null;
  });

/** Opens the board live and waits until its worker runs and it has kept the board; returns when it was confirmed. */
async function openAndKeep(page: Page, t: TestApp): Promise<string> {
  await page.goto(`${t.baseUrl}${BOARD}`);
  await page.getByText('Lausanne').waitFor();
  await page.getByText('Live', { exact: true }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  let asOf: string | null = null;
  await waitFor(async () => (asOf = await keptAsOf(page)) !== null, 10_000, 'the board kept for an offline start');
  return asOf!;
}

/** The strongest filter on the row or any of its ancestors: how dimmed it is drawn. */
const rowFilter = (page: Page, text: string) =>
  page
    .getByText(text)
    .first()
    .evaluate((element) => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const filter = getComputedStyle(node).filter;
        if (filter !== 'none') return filter;
      }
      return 'none';
    });

const stationTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Zurich' }).format(
    new Date(iso),
  );

describeBrowser('station screen without a network (service worker)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let t: TestApp;
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    // Its own data directory, kept across the restarts below (the app keeps a store it was given).
    dataDir = mkdtempSync(join(tmpdir(), 'headway-offline-'));
    t = await startTestApp({}, { webDir: WEB_DIR }, { dataDir });
    port = Number(new URL(t.baseUrl).port);
    await createStation(t);
    await putTwoDepartures(t);
    // A fresh profile per test: no worker or cache carried over.
    context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The app again on the same address and store, serving `webDir`. */
  async function restart(webDir = WEB_DIR): Promise<void> {
    await t.close();
    t = await startTestApp({}, { webDir }, { dataDir, port });
  }

  it('starts without the server on the last board it had: dimmed, marked "as of", never "Live"; live again once it is back', async () => {
    const page = await context.newPage();
    const asOf = await openAndKeep(page, t);
    expect(await rowFilter(page, 'Pfäffikon SZ')).toBe('none');

    await t.close();
    await page.reload();
    await page.getByText('Pfäffikon SZ').waitFor();
    await page.getByText('Lausanne').waitFor();
    await page.getByText(`Offline · board as of ${stationTime(asOf)}`, { exact: true }).waitFor();
    await page.getByText('Live updates paused', { exact: false }).waitFor();
    expect(await page.getByText('Live', { exact: true }).count()).toBe(0);
    await waitFor(async () => (await rowFilter(page, 'Pfäffikon SZ')) !== 'none', 5_000, 'the kept board dimmed');

    t = await startTestApp({}, { webDir: WEB_DIR }, { dataDir, port });
    await t.request('/api/stations/zurich-hb/departures/ic5', {
      method: 'PATCH',
      auth: true,
      json: { cancelled: true, cancelReason: 'Signal failure' },
    });
    // The browser's and the board's own reconnects back off to tens of seconds; this waits, it does not time them.
    await page.getByText('Signal failure').waitFor({ timeout: 45_000 });
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await page.getByText('Offline · board as of', { exact: false }).count()).toBe(0);
    await waitFor(async () => (await rowFilter(page, 'Pfäffikon SZ')) === 'none', 5_000, 'the live board undimmed');
  });

  it('starts from the kept shell when the network is gone (browser offline), and takes the live stream back when it returns', async () => {
    const page = await context.newPage();
    const asOf = await openAndKeep(page, t);

    await context.setOffline(true);
    await page.reload();
    await page.getByText(`Offline · board as of ${stationTime(asOf)}`, { exact: true }).waitFor();
    await page.getByText('Lausanne').waitFor();
    expect(await page.getByText('Live', { exact: true }).count()).toBe(0);

    await context.setOffline(false);
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 45_000 });
    expect(await page.getByText('Offline · board as of', { exact: false }).count()).toBe(0);
  });

  it('keeps nothing but the shell and the board: API, stream, /metrics and the console always go to the network', async () => {
    const page = await context.newPage();
    await openAndKeep(page, t);
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls.sort();
    });
    expect(kept.filter((path) => !/^\/assets\/index-[\w-]+\.(js|css)$/.test(path))).toEqual([
      '/board/_shell',
      '/offline/last-board/zurich-hb',
    ]);

    await t.close();
    const api = await page.evaluate(() =>
      fetch('/api/stations/zurich-hb').then(
        (r) => r.status,
        () => 'network error',
      ),
    );
    expect(api).toBe('network error');
    const metrics = await page.evaluate(() =>
      fetch('/metrics').then(
        (r) => r.status,
        () => 'network error',
      ),
    );
    expect(metrics).toBe('network error');
    await expect(page.goto(`${t.baseUrl}/admin`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
  });

  it("replaces itself with a new build's worker, which drops the old build's shell and starts offline with the new one", async () => {
    const page = await context.newPage();
    await openAndKeep(page, t);
    const [oldShell] = await shellCaches(page);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).updateViaCache)).toBe('none');

    const next = await buildWithChangedPage('Headway: live departure boards, next release.');
    try {
      await restart(next.outDir);
      // An online reload: the page comes from the network, and the browser checks for a new worker.
      await page.reload();
      await waitFor(async () => (await shellCaches(page)).join() === next.shellCache, 20_000, "the new build's shell, and only it");
      expect(next.shellCache).not.toBe(oldShell);

      await t.close();
      await page.reload();
      await page.getByText('Offline · board as of', { exact: false }).waitFor();
      const description = await page.evaluate(() => document.querySelector('meta[name="description"]')?.getAttribute('content'));
      expect(description).toBe('Headway: live departure boards, next release.');
    } finally {
      rmSync(next.dir, { recursive: true, force: true });
    }
  });
});

/**
 * A real second build, as a release would make: the same sources with a different index.html
 * (a temporary root whose src/ is the real one), built by the project's own Vite config.
 */
async function buildWithChangedPage(description: string): Promise<{ dir: string; outDir: string; shellCache: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'headway-next-build-'));
  const html = readFileSync(join(REPO, 'web/index.html'), 'utf8');
  const changed = html.replace(/(<meta name="description" content=")[^"]*(")/, `$1${description}$2`);
  if (changed === html) throw new Error('web/index.html has no description to change');
  writeFileSync(join(dir, 'index.html'), changed);
  symlinkSync(join(REPO, 'web/src'), join(dir, 'src'));
  const outDir = join(dir, 'out');
  await promisify(execFile)(
    process.execPath,
    [
      join(REPO, 'node_modules/vite/bin/vite.js'),
      'build',
      dir,
      '--config',
      'web/vite.config.mts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: REPO },
  );
  const shellCache = /"cache":"(headway-shell-[0-9a-f]+)"/.exec(readFileSync(join(outDir, 'sw.js'), 'utf8'))?.[1];
  if (!shellCache) throw new Error('the new build has no service worker');
  return { dir, outDir, shellCache };
}
