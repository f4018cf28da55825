import type { ScreenBeaconBody } from '#shared/screens';

/** The release this page was built from (injected by Vite). */
export const WEB_VERSION: string = __APP_VERSION__;

const KEY = 'headway.screenId';

/**
 * This screen's id: random, kept in the browser so the fleet view knows the screen across reloads
 * and reconnects. Without storage (a locked-down kiosk), one per page load.
 */
export function screenId(): string {
  try {
    const kept = localStorage.getItem(KEY);
    if (kept && /^[A-Za-z0-9-]{8,64}$/.test(kept)) return kept;
    const fresh = crypto.randomUUID();
    localStorage.setItem(KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID();
  }
}

/** How often a screen reports its data age: often enough to spot a frozen one, rarely enough for 10,000 of them. */
export const BEACON_EVERY_MS = 60_000;

/**
 * Reports this screen's release and data age, with the key its open stream gave it (the server
 * takes the station from that stream); fire and forget.
 */
export function sendBeacon(id: string, beaconKey: string, lastMessageAt: Date | null, now: number): void {
  const dataAgeSeconds = lastMessageAt === null ? 0 : Math.max(0, Math.round((now - lastMessageAt.getTime()) / 1000));
  const body: ScreenBeaconBody = { beaconKey, version: WEB_VERSION, dataAgeSeconds };
  void fetch(`/api/screens/${encodeURIComponent(id)}/beacon`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    keepalive: true,
  }).catch(() => undefined);
}
