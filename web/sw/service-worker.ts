/*
 * The station screen's service worker: it keeps this build's shell so a screen that starts
 * without a network still opens its board (which then shows the board it kept, marked as not
 * live; see src/offline/). It serves nothing else: the API, the board stream, /metrics and the
 * console always go to the network, untouched.
 *
 * A script, not a module: the build (service-worker.plugin.mts) strips the types and prepends
 * SHELL, this build's manifest. Any change to the shell changes SHELL, so the browser sees a new
 * worker, which installs, takes over at once and deletes the older builds' caches.
 */

/** This build's shell (see shell-manifest.mts), written in by the build. */
declare const SHELL: { cache: string; cachePrefix: string; page: string; files: string[] };

// Typed as what it is: the WebWorker lib types `self` as any worker's global scope.
const worker = self as unknown as ServiceWorkerGlobalScope;

/** A station screen's page, as the app's router and the server's headers match it. */
const BOARD_PAGE = /^\/board\/[^/]+\/*$/;

worker.addEventListener('install', (event) => {
  // `reload` bypasses the HTTP cache, so one build's shell is never mixed with another's files.
  const requests = [SHELL.page, ...SHELL.files].map((url) => new Request(url, { cache: 'reload' }));
  // addAll is all or nothing: a shell that cannot be fetched whole leaves the old worker in charge.
  event.waitUntil(
    caches
      .open(SHELL.cache)
      .then((cache) => cache.addAll(requests))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(dropOlderShells().then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate') {
    if (BOARD_PAGE.test(url.pathname)) event.respondWith(boardPage(request));
  } else if (SHELL.files.includes(url.pathname)) {
    // Hashed file names: a cached copy is the same bytes the server has.
    event.respondWith(caches.match(request, { cacheName: SHELL.cache }).then((kept) => kept ?? fetch(request)));
  }
});

/** The network's page whenever it answers; the kept one when it cannot (offline, or a proxy's 5xx). */
async function boardPage(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.status < 500) return response;
    return (await keptPage()) ?? response;
  } catch (error) {
    const kept = await keptPage();
    if (kept) return kept;
    throw error;
  }
}

function keptPage(): Promise<Response | undefined> {
  return caches.match(SHELL.page, { cacheName: SHELL.cache });
}

async function dropOlderShells(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(SHELL.cachePrefix) && name !== SHELL.cache).map((name) => caches.delete(name)));
}
