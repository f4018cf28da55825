import { Injectable } from '@nestjs/common';

/**
 * Writes still answering on this instance, by caller and key, so a concurrent retry waits for the
 * answer instead of a 409. One for the app: every controller's interceptor shares it.
 */
@Injectable()
export class IdempotencyQueue {
  private readonly inFlight = new Map<string, Promise<void>>();

  /** Waits until no request of this caller with this key is running here, then holds it; the result lets go. */
  async hold(id: string): Promise<() => void> {
    while (this.inFlight.has(id)) await this.inFlight.get(id);
    let resolve!: () => void;
    const running = new Promise<void>((r) => (resolve = r));
    this.inFlight.set(id, running);
    return () => {
      if (this.inFlight.get(id) === running) this.inFlight.delete(id);
      resolve();
    };
  }
}
