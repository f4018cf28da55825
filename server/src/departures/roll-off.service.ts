import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { systemWrite } from '../board-core/write-context';
import { BoardRepository } from '../store/board.repository';
import { Leases } from '../board-core/leases.service';
import { DeparturesService } from './departures.service';
import { Clock } from '../common/clock';

const SWEEP_EVERY_MS = 15_000;
const SWEEP_BATCH = 500;
const ROLL_OFF = systemWrite('roll-off');

/**
 * Takes departures off the board a grace period after they left, as ordinary `departure-removed`
 * changes, so every screen drops the row at the same moment. Times are instants, so a service
 * after midnight or across a DST change leaves exactly when it should.
 */
@Injectable()
export class RollOff implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RollOff');
  private stop = (): void => undefined;

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: BoardRepository,
    private readonly departures: DeparturesService,
    private readonly leases: Leases,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = this.leases.runEvery('roll-off', SWEEP_EVERY_MS, () => this.sweep(), this.logger, 'Roll-off');
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** Removes what departed more than the grace period before `now`; returns how many. */
  async sweep(now = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.departedGraceMinutes * 60_000);
    const departed = await this.repository.findDepartedBefore(cutoff, SWEEP_BATCH);
    let removed = 0;
    for (const { stationId, departureId } of departed) {
      if (await this.departures.removeIfDepartedBefore(ROLL_OFF, stationId, departureId, cutoff)) removed++;
    }
    return removed;
  }
}
