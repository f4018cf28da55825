import type { Departure, FeedValues } from '#shared/board';
import { delayMinutes } from '#shared/departure-status';
import { formatDelay, formatTime } from '../time';

/** How the console names rows and states their real-time facts, in the station's time. */

/** `09:32 · S8 · Pfäffikon SZ (+5) · cancelled`: one line that tells rows apart in a picker. */
export function departureLabel(d: Departure, timeZone: string): string {
  const delay = formatDelay(d);
  return [
    formatTime(d.scheduledTime, timeZone),
    d.line,
    // An arrival's destination is this station; its origin is what tells it apart.
    (d.kind === 'arrival' ? `arrival from ${d.origin ?? 'unknown'}` : d.destination) + (delay ? ` (${delay})` : ''),
    ...(d.status === 'cancelled' ? ['cancelled'] : []),
    ...(d.override?.feed ? ['feed disagrees'] : d.override ? ['held'] : []),
  ].join(' · ');
}

/** `S8 Pfäffikon SZ`, or `S8 from Chur` for an arrival (its destination is this station): a row in a message. */
export function rowName(d: Pick<Departure, 'line' | 'destination' | 'kind' | 'origin'>): string {
  return `${d.line} ${d.kind === 'arrival' ? `from ${d.origin ?? 'unknown'}` : d.destination}`;
}

/** The current delay in whole minutes, which the quick actions add to. */
export function currentDelay(d: Pick<Departure, 'scheduledTime' | 'expectedTime'>): number {
  return delayMinutes(d.scheduledTime, d.expectedTime);
}

/** The real-time facts a feed and an operator can disagree on, as the console words them. */
interface Facts {
  time: string;
  platform: string;
  cancelled: string;
  remarks: string;
}

/**
 * "Feed says 09:35, platform 6" against "you hold 09:42, platform 5": only the facts that differ,
 * or `null` while the feed agrees (or has said nothing).
 */
export function describeConflict(d: Departure, timeZone: string): { feed: string; held: string } | null {
  const feed = d.override?.feed;
  if (!feed) return null;
  const ours = factsOf(d.scheduledTime, { ...d, cancelled: d.status === 'cancelled' }, timeZone);
  const theirs = factsOf(d.scheduledTime, feed, timeZone);
  const keys = (Object.keys(ours) as (keyof Facts)[]).filter((key) => ours[key] !== theirs[key]);
  // The server also counts "no estimate" against an estimate equal to the timetable; show the time then.
  const shown: (keyof Facts)[] = keys.length > 0 ? keys : ['time'];
  return { feed: shown.map((key) => theirs[key]).join(', '), held: shown.map((key) => ours[key]).join(', ') };
}

function factsOf(scheduledTime: string, values: Omit<FeedValues, 'at'>, timeZone: string): Facts {
  return {
    time: formatTime(values.expectedTime ?? scheduledTime, timeZone),
    platform: values.platform === null ? 'no platform' : `platform ${values.platform}`,
    cancelled: values.cancelled ? `cancelled${values.cancelReason ? ` (${values.cancelReason})` : ''}` : 'running',
    remarks: values.remarks.length > 0 ? `remarks “${values.remarks.join(' / ')}”` : 'no remarks',
  };
}

/**
 * Whether a row is still as a change left it (`after`, the API's answer): a form's "✓ Delay now
 * +5 min." goes once an undo or someone else has changed the row since.
 */
export function stillAsChanged(after: Departure | null | undefined, now: Departure): boolean {
  if (!after) return true;
  return (
    after.expectedTime === now.expectedTime &&
    after.platform === now.platform &&
    after.status === now.status &&
    after.cancelReason === now.cancelReason &&
    after.remarks.join('\n') === now.remarks.join('\n')
  );
}
