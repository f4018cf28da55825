import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { runEvery } from '../common/periodic-task';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BoardRepository } from '../store/board.repository';

/** How often a remote store is asked whether it answers, and how long an answer may take. */
const PROBE_EVERY_MS = 3_000;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether the shared database answers. While it does not, writes fail (503) and screens keep what
 * they have; their heartbeats say so, and their boards tell passengers the times may be out of date.
 * The embedded SQLite store is a local file: it is never "away".
 */
@Injectable()
export class StoreHealth implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StoreHealth.name);
  private up = true;
  private stop?: () => void;

  constructor(
    private readonly repository: BoardRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get available(): boolean {
    return this.up;
  }

  onApplicationBootstrap(): void {
    if (this.config.databaseUrl) this.stop = runEvery(PROBE_EVERY_MS, () => this.probe(), this.logger, 'Probing the database');
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  async probe(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), PROBE_TIMEOUT_MS)));
    try {
      await Promise.race([this.repository.ping(), timeout]);
      if (!this.up) this.logger.log('The database answers again');
      this.up = true;
    } catch (error) {
      if (this.up) this.logger.warn(`The database does not answer: ${error instanceof Error ? error.message : String(error)}`);
      this.up = false;
    } finally {
      clearTimeout(timer);
    }
  }
}
