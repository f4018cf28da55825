import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One test file at a time uses the shared Redis: the scale-out suite restarts it, which would
 * make another file's "within a second" checks race the restart. Jest runs files in parallel
 * workers, so the files take this lock (a directory, atomic to create) around their suites.
 */
const LOCK = join(tmpdir(), 'headway-test-redis.lock');

/**
 * How long a file waits for the lock. A `beforeAll` that takes it needs a timeout of at least
 * `LOCKED_HOOK_TIMEOUT_MS`, or Jest's 30 s cuts the wait short while the other file still runs.
 */
const LOCK_WAIT_MS = 240_000;
export const LOCKED_HOOK_TIMEOUT_MS = LOCK_WAIT_MS + 60_000;

export async function lockSharedRedis(timeoutMs = LOCK_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch {
      if (holderIsGone()) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`the shared Redis stayed locked by another test file (${LOCK})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export function unlockSharedRedis(): void {
  rmSync(LOCK, { recursive: true, force: true });
}

/** A lock left by a test process that died is taken over. */
function holderIsGone(): boolean {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' || (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
