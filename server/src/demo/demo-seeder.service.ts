import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AlertsService } from '../alerts/alerts.service';
import { systemWrite } from '../board-core/write-context';
import { DeparturesService } from '../departures/departures.service';
import { BoardRepository } from '../store/board.repository';
import { DEMO_NETWORK, demoDepartures } from './demo-network';
import { DEMO_TEMPLATES } from './demo-templates';
import { TemplatesRepository } from '../templates/templates.repository';
import { Clock } from '../common/clock';

const SEED = systemWrite('demo-seed');

/** How far ahead the demo timetable is filled. */
export const DEMO_HORIZON_MS = 2 * 60 * 60_000;

/** Seeds the demo network into an empty store, through the same services the API uses. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: BoardRepository,
    private readonly departures: DeparturesService,
    private readonly alerts: AlertsService,
    private readonly templates: TemplatesRepository,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seed();
  }

  private async seed(): Promise<void> {
    if (!this.config.demo || (await this.repository.listStations()).length > 0) return;
    const now = this.clock.now();
    for (const station of DEMO_NETWORK) {
      await this.repository.saveStation({ id: station.id, name: station.name, timezone: station.timezone });
      for (const { id, body } of demoDepartures(station, now, new Date(now.getTime() + DEMO_HORIZON_MS))) {
        await this.departures.put(SEED, station.id, id, body);
      }
    }
    await this.alerts.create(SEED, 'zurich-hb', {
      severity: 'info',
      text: 'Lifts to platforms 41-44 are out of service until further notice. Please use the escalators in the Museumstrasse hall.',
    });
    for (const template of DEMO_TEMPLATES) {
      await this.templates.save({ ...template, updatedAt: now.toISOString(), updatedBy: SEED.author.actor.name }, SEED.author);
    }
    this.logger.log(`Seeded the demo network: ${DEMO_NETWORK.map((s) => s.id).join(', ')}`);
  }
}
