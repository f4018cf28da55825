import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Departure } from '#shared/board';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeparturesService } from '../departures/departures.service';
import { systemWrite } from '../board-core/write-context';
import { BoardRepository } from '../store/board.repository';
import { Leases } from '../board-core/leases.service';
import { DEMO_NETWORK, type DemoStation, demoDepartures } from './demo-network';
import { DEMO_HORIZON_MS } from './demo-seeder.service';
import { pickDisruption } from './disruptions';
import { Clock } from '../common/clock';

const TIMETABLE_TICK_MS = 30_000;
const SIMULATOR = systemWrite('simulator', 'simulator');

/**
 * Keeps the demo network alive: adds the timetable's next departures (RollOff removes departed ones) and, every few seconds, posts a
 * delay, platform change or cancellation through the same service path as the API.
 */
@Injectable()
export class Simulator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Simulator');
  private readonly stops: Array<() => void> = [];
  /** Per station, the end of the window already filled with timetabled departures. */
  private readonly filledUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: BoardRepository,
    private readonly departures: DeparturesService,
    private readonly leases: Leases,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.simulator) return;
    this.stops.push(
      this.leases.runEvery('simulator-timetable', TIMETABLE_TICK_MS, () => this.rollTimetable(), this.logger, 'Rolling the demo timetable'),
      this.leases.runEvery(
        'simulator-disruptions',
        this.config.simulatorIntervalMs,
        () => this.disrupt(),
        this.logger,
        'A simulated disruption',
      ),
    );
    void this.leases
      .holds('simulator-timetable', TIMETABLE_TICK_MS * 3)
      .then((mine) => (mine ? this.rollTimetable() : undefined))
      .catch(() => undefined);
    this.logger.log(`Simulator on: a disruption about every ${this.config.simulatorIntervalMs} ms (SIMULATOR=off to stop)`);
  }

  onApplicationShutdown(): void {
    this.stops.forEach((stop) => stop());
  }

  private async rollTimetable(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const station of await this.demoStations()) {
      const board = await this.repository.loadBoard(station.id);
      if (!board) continue;
      const latest = board.departures.reduce((max, d) => Math.max(max, Date.parse(d.scheduledTime)), now);
      const from = this.filledUntil.get(station.id) ?? latest + 60_000;
      const until = now + DEMO_HORIZON_MS;
      for (const { id, body } of demoDepartures(station, new Date(from), new Date(until))) {
        await this.departures.put(SIMULATOR, station.id, id, body);
      }
      this.filledUntil.set(station.id, Math.max(from, until));
    }
  }

  private async disrupt(): Promise<void> {
    const stations = await this.demoStations();
    const station = stations[Math.floor(Math.random() * stations.length)];
    const board = station && (await this.repository.loadBoard(station.id));
    if (!board) return;
    const soon = board.departures.filter((d: Departure) => {
      const at = Date.parse(d.scheduledTime);
      return at > this.clock.now().getTime() && at < this.clock.now().getTime() + 60 * 60_000;
    });
    const target = soon[Math.floor(Math.random() * soon.length)];
    if (!target) return;
    await this.departures.patch(SIMULATOR, station.id, target.id, pickDisruption(target, Math.random));
  }

  /** Only stations of the demo network that the store still has (an operator may have removed some). */
  private async demoStations(): Promise<DemoStation[]> {
    const known = new Set((await this.repository.listStations()).map((s) => s.id));
    return DEMO_NETWORK.filter((s) => known.has(s.id));
  }
}
