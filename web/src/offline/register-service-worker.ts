import { matchRoute } from '../lib/router.svelte';

/**
 * Installs the service worker that lets a station screen start without a network (see
 * web/sw/service-worker.ts). Station screens only: the console has no use for it. Built apps
 * only: the dev server has no worker. Secure contexts only (https, or localhost), by the browser's rule.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || matchRoute(location.pathname).name !== 'board') return;
  // `none`: each update check asks the server for the worker, never the HTTP cache.
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`, { updateViaCache: 'none' })
    .catch((error: unknown) => console.warn('no offline start for this screen: the service worker did not register', error));
}
