import type { GtfsArchive } from './gtfs-archive';
import { GtfsError } from './gtfs-error';
import { parseGtfsTime } from './gtfs-time';
import { CALL_FIELDS, NO_TIME, type TripCalls } from './read-trips';

const FREQUENCY_COLUMNS = ['trip_id', 'start_time', 'end_time', 'headway_secs'];
/** Runs one frequencies.txt row may make: a metro every 90 s for 24 h is under 1,000; more is a typo, not a timetable. */
const MAX_RUNS_PER_ROW = 5_000;

/**
 * Replaces the template trips of frequencies.txt with their runs. The template's stop_times give
 * each call's offset from its first departure (the spec's reading); a run starts at start_time and
 * every headway_secs after it while before end_time. Each run is a trip of its own, `<trip>~HHMM`
 * (`~HHMMSS` off the minute), so it has a stable id; the template's own times make no run. With
 * exact_times=0 (headway-based) the start times are only an estimate, so the runs carry the
 * headway for the board to show instead of a clock time.
 */
export async function expandFrequencies(archive: GtfsArchive, trips: Map<string, TripCalls>): Promise<void> {
  if (!archive.has('frequencies.txt')) return;
  const runs = new Map<string, TripCalls[]>();
  for await (const { row, line } of archive.rows('frequencies.txt', FREQUENCY_COLUMNS)) {
    const start = time(row.start_time, 'start_time', line);
    const end = time(row.end_time, 'end_time', line);
    const headway = row.headway_secs;
    if (!/^\d{1,6}$/.test(headway) || Number(headway) < 1) {
      throw new GtfsError(`headway_secs "${headway}" is not a whole number of seconds above 0`, 'frequencies.txt', line);
    }
    const exact = row.exact_times || '0';
    if (exact !== '0' && exact !== '1') throw new GtfsError(`exact_times "${exact}" is not 0 or 1`, 'frequencies.txt', line);
    if (end <= start) throw new GtfsError(`end_time ${row.end_time} is not after start_time ${row.start_time}`, 'frequencies.txt', line);
    const count = Math.ceil((end - start) / Number(headway));
    if (count > MAX_RUNS_PER_ROW) {
      throw new GtfsError(
        `makes ${count} runs, more than the ${MAX_RUNS_PER_ROW} one row of a timetable could mean`,
        'frequencies.txt',
        line,
      );
    }
    const template = trips.get(row.trip_id);
    // A trip not in the window (or without two calls) has no runs to make.
    if (!template || template.calls.length < 2 * CALL_FIELDS) continue;
    const made = runs.get(row.trip_id) ?? [];
    for (let at = start; at < end; at += Number(headway)) {
      made.push(runAt(template, at, exact === '1' ? null : Math.max(1, Math.round(Number(headway) / 60))));
    }
    runs.set(row.trip_id, made);
  }
  for (const [tripId, made] of runs) {
    trips.delete(tripId);
    for (const run of made) trips.set(run.tripId, run);
  }
}

function runAt(template: TripCalls, start: number, headwayMinutes: number | null): TripCalls {
  const first = template.calls[3] === NO_TIME ? template.calls[2] : template.calls[3];
  const shift = start - first;
  const calls = template.calls.map((value, index) => {
    const field = index % CALL_FIELDS;
    return field >= 2 && value !== NO_TIME ? value + shift : value;
  });
  return { ...template, tripId: `${template.tripId}~${clock(start)}`, calls, ...(headwayMinutes ? { headwayMinutes } : {}) };
}

/** `HHMM`, or `HHMMSS` when the run does not start on the minute; hours past 24 as GTFS writes them. */
function clock(seconds: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const hhmm = `${pad(Math.floor(seconds / 3600))}${pad(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 === 0 ? hhmm : `${hhmm}${pad(seconds % 60)}`;
}

function time(text: string, column: string, line: number): number {
  const value = parseGtfsTime(text);
  if (value === null) throw new GtfsError(`${column} "${text}" is not a time (HH:MM:SS)`, 'frequencies.txt', line);
  return value;
}
