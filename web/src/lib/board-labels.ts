import type { AlertSeverity } from '#shared/board';
import type { BoardMode, Lang } from './board-options';

/**
 * Every word a board shows or announces, per language. A bilingual board (`lang=en,de`)
 * swaps the whole set at once, so no screen ever mixes two languages.
 */
export interface BoardLabels {
  /** The screen's heading beside the station name. */
  heading: Record<BoardMode, string>;
  /** The board's accessible name. */
  board: Record<BoardMode, string>;
  /** Column headings. */
  time: Record<BoardMode, string>;
  /** The time column's heading where it is narrow (portrait). */
  timeShort: string;
  line: string;
  place: Record<BoardMode, string>;
  platform: string;
  /** Before an arrival's origin: "from Genève-Aéroport". */
  from: string;
  via: string;
  /** Spoken only: "platform 7, was 5", "expected 09:48". */
  was: string;
  expected: string;
  minutes: string;
  cancelled: string;
  /** Said in words beside the highlighted platform: colour alone tells nobody who cannot see it. */
  platformChange: string;
  /** A replacement service (a bus for a closed line): said in words, like every disruption. */
  replacement: string;
  /** Stops a service skips today: "Does not stop at Olten". */
  skips(stops: string): string;
  /** A partial cancellation: "Only as far as Biel/Bienne"; an arrival that starts late: "From Lawrence only". */
  shortened: Record<BoardMode, (station: string) => string>;
  /** The train's number as passengers know it, for screen readers: "train 723". */
  train(number: string): string;
  /** In place of a clock time for a service that runs at a headway, not to a timetable (GTFS exact_times=0). */
  every(minutes: number): string;
  /** Running ahead of the timetable: as important as a delay, and not the same. */
  early: Record<BoardMode, string>;
  /** A row whose service has left (or, on an arrival board, arrived). */
  done: Record<BoardMode, string>;
  now: string;
  inMinutes(minutes: number): string;
  live: string;
  connecting: string;
  paused: string;
  lastContact(time: string): string;
  /** A board whose realtime feed went quiet: its times are the timetable's, or old estimates. */
  feedStale(feed: string, since: string | null): string;
  /** The server lost its database: nothing new can arrive until it is back. */
  serverStale: string;
  severity: Record<AlertSeverity, string>;
  alerts: string;
  /** How many alerts are waiting for their turn. */
  moreAlerts(count: number): string;
  empty: Record<BoardMode, string>;
  waiting: string;
  unknownStation(stationId: string): string;
  unknownStationTitle: string;
  /** What whoever set the screen up should check. */
  unknownStationHint(path: string): string;
  page(page: number, pages: number): string;
}

const NBSP = '\u00a0';

export const BOARD_LABELS: Record<Lang, BoardLabels> = {
  en: {
    heading: { departures: 'Departures', arrivals: 'Arrivals' },
    board: { departures: 'Departure board', arrivals: 'Arrival board' },
    time: { departures: 'Departure', arrivals: 'Arrival' },
    timeShort: 'Time',
    line: 'Line',
    place: { departures: 'Destination', arrivals: 'From' },
    platform: 'Platform',
    from: 'from',
    via: 'via',
    was: 'was',
    expected: 'expected',
    minutes: 'minutes',
    cancelled: 'Cancelled',
    platformChange: 'Platform change',
    replacement: 'Replacement service',
    skips: (stops) => `Does not stop at ${stops}`,
    shortened: { departures: (station) => `Only as far as ${station}`, arrivals: (station) => `From ${station} only` },
    train: (number) => `train ${number}`,
    every: (minutes) => `every${NBSP}${minutes}${NBSP}min`,
    early: { departures: 'Leaves early', arrivals: 'Arrives early' },
    done: { departures: 'Departed', arrivals: 'Arrived' },
    now: 'now',
    inMinutes: (minutes) => `in ${minutes}${NBSP}min`,
    live: 'Live',
    connecting: 'Connecting…',
    paused: 'Live updates paused — reconnecting',
    lastContact: (time) => `last contact ${time}`,
    serverStale: 'Live updates interrupted — times shown may be out of date',
    feedStale: (feed, since) => `No live times from ${feed}${since ? ` since ${since}` : ''} — times shown may be out of date`,
    severity: { info: 'Info', warning: 'Warning', severe: 'Severe' },
    alerts: 'Alerts',
    moreAlerts: (count) => `+${count}${NBSP}more`,
    empty: { departures: 'No departures scheduled.', arrivals: 'No arrivals scheduled.' },
    waiting: 'Waiting for the live board…',
    unknownStation: (stationId) => `There is no station “${stationId}” on this server.`,
    unknownStationTitle: 'Unknown station',
    unknownStationHint: (path) => `Check the address this screen was set up with: ${path}`,
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
  de: {
    heading: { departures: 'Abfahrt', arrivals: 'Ankunft' },
    board: { departures: 'Abfahrtstafel', arrivals: 'Ankunftstafel' },
    time: { departures: 'Abfahrt', arrivals: 'Ankunft' },
    timeShort: 'Zeit',
    line: 'Linie',
    place: { departures: 'Ziel', arrivals: 'Von' },
    platform: 'Gleis',
    from: 'von',
    via: 'über',
    was: 'bisher',
    expected: 'erwartet',
    minutes: 'Minuten',
    cancelled: 'Fällt aus',
    platformChange: 'Gleiswechsel',
    replacement: 'Ersatzverkehr',
    skips: (stops) => `Hält nicht in ${stops}`,
    shortened: { departures: (station) => `Fährt nur bis ${station}`, arrivals: (station) => `Fährt erst ab ${station}` },
    train: (number) => `Zug ${number}`,
    every: (minutes) => `alle${NBSP}${minutes}${NBSP}Min.`,
    early: { departures: 'Fährt früher ab', arrivals: 'Kommt früher an' },
    done: { departures: 'Abgefahren', arrivals: 'Angekommen' },
    now: 'jetzt',
    inMinutes: (minutes) => `in ${minutes}${NBSP}Min.`,
    live: 'Live',
    connecting: 'Verbindung wird aufgebaut…',
    paused: 'Live-Anzeige unterbrochen — Verbindung wird wiederhergestellt',
    lastContact: (time) => `letzter Kontakt ${time}`,
    serverStale: 'Live-Daten unterbrochen — angezeigte Zeiten evtl. veraltet',
    feedStale: (feed, since) => `Keine Echtzeitdaten von ${feed}${since ? ` seit ${since}` : ''} — angezeigte Zeiten evtl. veraltet`,
    // "Hinweis" is a notice (info), not a warning; "Störung" is what German railways call a serious disruption.
    severity: { info: 'Info', warning: 'Warnung', severe: 'Störung' },
    alerts: 'Meldungen',
    moreAlerts: (count) => `+${count}${NBSP}weitere`,
    empty: { departures: 'Keine Abfahrten geplant.', arrivals: 'Keine Ankünfte geplant.' },
    waiting: 'Warte auf die Live-Anzeige…',
    unknownStation: (stationId) => `Auf diesem Server gibt es keinen Bahnhof „${stationId}“.`,
    unknownStationTitle: 'Unbekannter Bahnhof',
    unknownStationHint: (path) => `Bitte die Adresse prüfen, mit der dieser Bildschirm eingerichtet wurde: ${path}`,
    page: (page, pages) => `Seite ${page} von ${pages}`,
  },
};
