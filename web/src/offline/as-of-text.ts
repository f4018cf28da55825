import { wallClock } from '#shared/zoned-time';
import type { Lang } from '../lib/board-options';
import { formatDateTime, formatTime } from '../lib/time';

const TEXT: Record<Lang, (time: string) => string> = {
  en: (time) => `Offline · board as of ${time}`,
  de: (time) => `Offline · Stand ${time}`,
};

/**
 * What a screen that started offline says of its kept board: `Offline · board as of 14:02`, in
 * the station's time; with the date once that is another day, since a screen may have been off
 * for days and "14:02" alone would then pass for today's.
 */
export function asOfText(asOf: Date, now: Date, timeZone: string, lang: Lang): string {
  const sameDay = stationDay(asOf, timeZone) === stationDay(now, timeZone);
  return TEXT[lang](sameDay ? formatTime(asOf, timeZone) : formatDateTime(asOf, timeZone));
}

function stationDay(instant: Date, timeZone: string): string {
  try {
    const { year, month, day } = wallClock(timeZone, instant.getTime());
    return `${year}-${month}-${day}`;
  } catch {
    // An unknown timezone: the times fall back to UTC (see time.ts), and so does the day.
    return instant.toISOString().slice(0, 10);
  }
}
