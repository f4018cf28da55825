import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (no browser download works on our machines); `.ci/run` installs it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The built SPA; `npm test` builds it first (pretest). */
export const WEB_DIR = join(__dirname, '../../dist/web');

export function browserTestsCanRun(): boolean {
  const ok = existsSync(CHROMIUM_PATH) && existsSync(join(WEB_DIR, 'index.html'));
  if (!ok) console.warn(`SKIPPED browser tests: need ${CHROMIUM_PATH} (apt-get install chromium) and a built web app (npm run build:web)`);
  return ok;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
