import { Injectable } from '@nestjs/common';
import { mayChange, type Principal } from '#shared/auth';
import type { Screen } from '#shared/screens';
import { forbidden, notFound } from '../common/api-exception';
import { APP_VERSION } from '../version';
import { ScreenFleet } from './screen-fleet.service';
import { type ScreenRecord, ScreensRepository } from './screens.repository';

/** A screen unheard of for this long, or showing data this old, is stale. */
const SILENT_AFTER_MS = 3 * 60_000;
const STALE_DATA_SECONDS = 120;

/** The fleet as the console shows it, and the operators' one action on a screen: reload. */
@Injectable()
export class ScreensService {
  constructor(
    private readonly screens: ScreensRepository,
    private readonly fleet: ScreenFleet,
  ) {}

  /** The principal's stations' screens, freshest first within each station. */
  async list(principal: Principal): Promise<Screen[]> {
    await this.fleet.flush();
    const now = Date.now();
    return (await this.screens.list(principal.stations)).map((row) => toScreen(row, now));
  }

  /** Asks a screen to reload; whoever may change departures at its station may. */
  async reload(screenId: string, principal: Principal): Promise<void> {
    const screen = await this.screens.find(screenId);
    if (!screen) throw notFound('Screen', screenId);
    if (!mayChange(principal, 'departures', screen.station_id))
      throw forbidden(`"${principal.name}" may not manage the screens of station "${screen.station_id}"`);
    await this.screens.requestReload(screenId, new Date().toISOString());
    // Delivered at once when the screen is connected here; otherwise by its instance within seconds.
    if (this.fleet.reloadHere(screenId, screen.station_id)) await this.screens.takeReloads([screenId]);
  }
}

function toScreen(row: ScreenRecord, now: number): Screen {
  const silent = now - Date.parse(row.last_seen_at) > SILENT_AFTER_MS;
  const dataAge = row.data_age_seconds === null ? null : Number(row.data_age_seconds);
  return {
    id: row.id,
    stationId: row.station_id,
    version: row.version,
    connected: Number(row.connected) === 1,
    lastSeenAt: row.last_seen_at,
    dataAgeSeconds: dataAge,
    userAgent: row.user_agent,
    stale: silent || Number(row.connected) !== 1 || (dataAge !== null && dataAge > STALE_DATA_SECONDS),
    outdated: row.version !== APP_VERSION,
    reloadRequestedAt: row.reload_requested_at,
  };
}
