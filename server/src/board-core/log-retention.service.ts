import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventLogRepository } from './event-log.repository';
import { IdempotencyRepository } from '../common/idempotency.repository';
import { Leases } from './leases.service';

const TRIM_EVERY_MS = 10 * 60_000;
/** Feeds retry within minutes; a day covers any sane retry policy. */
const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/** Trims each station's change log and old idempotency keys, so the store does not grow without end. */
@Injectable()
export class LogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LogRetention');
  private stop = (): void => undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventLogRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly leases: Leases,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = this.leases.runEvery('log-retention', TRIM_EVERY_MS, () => this.trim(), this.logger, 'Trimming the change log');
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  async trim(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.eventRetentionHours * 3_600_000);
    await this.idempotency.trim(new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS));
    return this.repository.trimLog(before, this.config.eventRetentionMinEvents);
  }
}
