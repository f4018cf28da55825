#!/usr/bin/env node
/**
 * Writes docs/console-table.png (1920x1080): the operator console's departure table during the
 * disruption the browser tests use (test/support/disruption-fixture.js, posted through the API),
 * signed in as the admin, with a search typed and three rows selected, as an operator at work sees it.
 *
 *   npm run build && node test/support/console-screenshot.js
 */
const { join } = require('node:path');
const { ROOT, postDisruption, withServer } = require('./screenshot-server');

const PASSWORD = 'screenshot-admin-password';
const STATION = 'zurich-hb';

async function main() {
  await withServer({ DEMO: 'off', ADMIN_PASSWORD: PASSWORD }, async ({ base, browser }) => {
    await postDisruption(base, STATION);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    await page.goto(`${base}/admin?station=${STATION}`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr[data-row]').first().waitFor();
    // Three rows selected from the keyboard, the way the tests do it: to the table, select, extend twice.
    for (const key of ['/', 'Enter', 'Space', 'Shift+J', 'Shift+J']) await page.keyboard.press(key);
    await page.locator('[data-console-selected]').first().waitFor();
    await page.screenshot({ path: join(ROOT, 'docs/console-table.png') });
    console.log('wrote docs/console-table.png');
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
