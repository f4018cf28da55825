import type { Attachment } from 'svelte/attachments';

/**
 * Keeps the screen from dimming or sleeping while the element is on the page, where the browser
 * offers the Screen Wake Lock API (elsewhere a kiosk's own power settings must do it). The
 * browser drops the lock whenever the page is hidden (another tab, a minimized window), so it
 * is asked for again each time the page becomes visible.
 */
export const keepScreenAwake: Attachment = () => {
  const wakeLock = typeof navigator === 'undefined' ? undefined : navigator.wakeLock;
  if (!wakeLock) return;
  let sentinel: WakeLockSentinel | null = null;
  let attached = true;
  let requesting = false;

  const acquire = async () => {
    if (requesting || document.visibilityState !== 'visible' || (sentinel !== null && !sentinel.released)) return;
    requesting = true;
    try {
      const lock = await wakeLock.request('screen');
      if (attached) sentinel = lock;
      else await lock.release();
    } catch {
      // Refused (battery saver, a permissions policy): nothing a wall screen can do about it.
    } finally {
      requesting = false;
    }
  };

  document.addEventListener('visibilitychange', acquire);
  void acquire();
  return () => {
    attached = false;
    document.removeEventListener('visibilitychange', acquire);
    void sentinel?.release().catch(() => {});
  };
};
