import type { GtfsArchive, GtfsRow } from './gtfs-archive';
import { GtfsError } from './gtfs-error';
import { isServiceDate, weekdayOf } from './gtfs-time';

/** calendar.txt's weekday columns in `Date.getUTCDay` order, so a date's weekday indexes them directly. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const CALENDAR_COLUMNS = ['service_id', ...WEEKDAYS, 'start_date', 'end_date'];
const CALENDAR_DATES_COLUMNS = ['service_id', 'date', 'exception_type'];

interface WeeklyService {
  serviceId: string;
  runs: boolean[];
  start: string;
  end: string;
}

/**
 * Which service_ids run on which service dates: calendar.txt's weekly pattern within its dates,
 * then calendar_dates.txt's exceptions (1 adds the date, 2 removes it). Feeds may use either file
 * alone; many describe every date in calendar_dates.txt only.
 */
export class ServiceCalendar {
  private readonly weekly: WeeklyService[] = [];
  private readonly added = new Map<string, Set<string>>();
  private readonly removed = new Map<string, Set<string>>();

  /** Reads calendar.txt and calendar_dates.txt, whichever the archive has. */
  static async read(archive: GtfsArchive): Promise<ServiceCalendar> {
    const calendar = new ServiceCalendar();
    if (archive.has('calendar.txt')) {
      for await (const row of archive.rows('calendar.txt', CALENDAR_COLUMNS)) calendar.addWeekly(row);
    }
    if (archive.has('calendar_dates.txt')) {
      for await (const row of archive.rows('calendar_dates.txt', CALENDAR_DATES_COLUMNS)) calendar.addException(row);
    }
    return calendar;
  }

  /** One calendar.txt row. */
  addWeekly({ row, line }: GtfsRow): void {
    const runs = WEEKDAYS.map((day) => flag(row[day], day, line));
    const start = date(row.start_date, 'start_date', 'calendar.txt', line);
    const end = date(row.end_date, 'end_date', 'calendar.txt', line);
    this.weekly.push({ serviceId: row.service_id, runs, start, end });
  }

  /** One calendar_dates.txt row. */
  addException({ row, line }: GtfsRow): void {
    const day = date(row.date, 'date', 'calendar_dates.txt', line);
    const type = row.exception_type;
    if (type !== '1' && type !== '2') {
      throw new GtfsError(`exception_type "${type}" is not 1 (added) or 2 (removed)`, 'calendar_dates.txt', line);
    }
    const target = type === '1' ? this.added : this.removed;
    let ids = target.get(day);
    if (!ids) target.set(day, (ids = new Set()));
    ids.add(row.service_id);
  }

  /** The first and last date (`YYYYMMDD`) any service runs or is added on; `null` for an empty calendar. */
  range(): { first: string; last: string } | null {
    const dates = [...this.weekly.flatMap((s) => [s.start, s.end]), ...this.added.keys()].sort();
    return dates.length > 0 ? { first: dates[0], last: dates[dates.length - 1] } : null;
  }

  /** The service_ids that run on `serviceDate` (`YYYYMMDD`). */
  servicesOn(serviceDate: string): Set<string> {
    const weekday = weekdayOf(serviceDate);
    const ids = new Set<string>();
    for (const service of this.weekly) {
      // YYYYMMDD strings compare in date order.
      if (service.runs[weekday] && service.start <= serviceDate && serviceDate <= service.end) ids.add(service.serviceId);
    }
    for (const id of this.added.get(serviceDate) ?? []) ids.add(id);
    for (const id of this.removed.get(serviceDate) ?? []) ids.delete(id);
    return ids;
  }
}

function flag(value: string, column: string, line: number): boolean {
  if (value !== '0' && value !== '1') throw new GtfsError(`${column} "${value}" is not 0 or 1`, 'calendar.txt', line);
  return value === '1';
}

function date(value: string, column: string, file: string, line: number): string {
  if (!isServiceDate(value)) throw new GtfsError(`${column} "${value}" is not a date (YYYYMMDD)`, file, line);
  return value;
}
