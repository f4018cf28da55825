import type { Logger } from '@nestjs/common';

/**
 * Runs `task` every `ms` on one unref'd timer (it never keeps the process alive), logging a
 * failure instead of letting it escape. Returns the function that stops it.
 */
export function runEvery(ms: number, task: () => Promise<unknown>, logger: Logger, what: string): () => void {
  const timer = setInterval(() => {
    task().catch((error: unknown) => logger.warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`));
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
