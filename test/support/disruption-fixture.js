/**
 * A station in a disruption, as the README's pictures and the board's disruption tests show it:
 * four alerts of every severity (one of 300 characters; two with a German text, two without), and 62
 * departures among which cancelled, delayed, early and platform-changed ones, estimates to the second,
 * a train that skips a stop, one that ends early, a replacement bus, train numbers, and one for tomorrow.
 * Plain JavaScript, so the screenshot script (plain Node) and the Jest specs share it.
 */

/** The warning whose every word the board must show: 300 characters, more than two lines anywhere. */
const LONG_ALERT =
  'No trains to Winterthur until 12:00 after a signal failure near Effretikon. Use the S8 via Wallisellen or the replacement ' +
  'buses from the Sihlquai bus station, which depart every ten minutes. Allow at least thirty minutes more for your whole journey and ' +
  'check your connections before you travel today.';

const SEVERE_ALERT = 'Evacuation of platforms 41-44: follow the instructions of the staff and leave by the Sihlquai exit.';
const SEVERE_ALERT_DE =
  'Räumung der Gleise 41-44: Folgen Sie den Anweisungen des Personals und verlassen Sie den Bahnhof über den Ausgang Sihlquai.';

const ALERTS = [
  {
    severity: 'info',
    text: 'Lifts to platforms 41-44 are out of service. Please use the escalators in the Museumstrasse hall.',
    translations: { de: 'Die Lifte zu den Gleisen 41-44 sind ausser Betrieb. Bitte die Rolltreppen in der Halle Museumstrasse benützen.' },
  },
  // No German text: a German board shows it as written, marked EN.
  { severity: 'warning', text: LONG_ALERT },
  { severity: 'severe', text: SEVERE_ALERT, translations: { de: SEVERE_ALERT_DE } },
  { severity: 'info', text: 'The travel centre in the main hall is open until 21:00 today.' },
];

const LINES = [
  ['S8', '#00843d', 'Pfäffikon SZ', ['Oerlikon', 'Wallisellen']],
  ['IC 5', '#d52b1e', 'Lausanne', ['Olten', 'Biel/Bienne', 'Neuchâtel']],
  ['S3', '#6b2c91', 'Wetzikon', ['Stadelhofen', 'Dietlikon']],
  ['IR 36', '#ffd23f', 'Basel SBB', ['Brugg AG', 'Frick']],
  ['S12', '#c8102e', 'Seuzach', ['Stadelhofen', 'Winterthur']],
  ['RE 48', '#1f5fa0', 'St. Gallen', ['Winterthur', 'Wil SG']],
  ['S24', '#b08a5a', 'Thayngen', ['Zürich Flughafen', 'Winterthur']],
  ['IC 1', '#d52b1e', 'Genève-Aéroport', ['Bern', 'Lausanne']],
  ['S2', '#0074bf', 'Ziegelbrücke', ['Thalwil', 'Pfäffikon SZ']],
  ['EC 7', '#7a1f2b', 'Milano Centrale', ['Zug', 'Arth-Goldau', 'Lugano']],
];

/** What is special about some rows, by index; the others run to the timetable. */
const SPECIAL = {
  0: { scheduledPlatform: '41', platform: '3' },
  1: { delaySeconds: 7 * 60 },
  // A reason with its German text (as a template gives it); the extra stop's remark below has none.
  2: {
    cancelled: true,
    cancelReason: 'Signal failure near Thalwil',
    textTranslations: { 'Signal failure near Thalwil': { de: 'Stellwerkstörung bei Thalwil' } },
  },
  3: { delaySeconds: -3 * 60 },
  // Estimates to the second: 40 s late is on time as printed; 3 min 50 s late is printed +3, as 17:48 → 17:51.
  4: { delaySeconds: 40 },
  5: { delaySeconds: 3 * 60 + 50, remarks: ['Extra stop at Hardbrücke'] },
  // What a GTFS-Realtime feed says of a skipped stop and of a run cut short, and a rail replacement bus.
  6: { skippedStops: ['Zürich Flughafen'] },
  7: { trainNumber: '723', shortenedAt: 'Bern', delaySeconds: 5 * 60 },
  8: { line: 'EV', lineColor: '#5b6770', replacement: true, via: ['Thalwil'] },
  9: { scheduledPlatform: '33', platform: '34', delaySeconds: 12 * 60 },
};

const DEPARTURES = 62;

/** The fixture as one batch for `POST /api/updates` (the real API), with times from `nowMs`. */
function disruptionUpdates(stationId, nowMs = Date.now()) {
  const minute = Math.ceil(nowMs / 60_000) * 60_000;
  const updates = ALERTS.map((alert) => ({ op: 'post-alert', stationId, alert }));
  for (let i = 0; i < DEPARTURES; i++) {
    const [line, lineColor, destination, via] = LINES[i % LINES.length];
    const { delaySeconds, ...special } = SPECIAL[i] ?? {};
    // The last row leaves tomorrow, at the same time of day: it must say so.
    const scheduled = i === DEPARTURES - 1 ? minute + 24 * 3600_000 : minute + (2 + i * 3) * 60_000;
    updates.push({
      op: 'put-departure',
      stationId,
      departureId: `d${String(i).padStart(2, '0')}`,
      departure: {
        line,
        lineColor,
        destination,
        via,
        scheduledTime: new Date(scheduled).toISOString(),
        expectedTime: delaySeconds === undefined ? null : new Date(scheduled + delaySeconds * 1000).toISOString(),
        scheduledPlatform: String(31 + (i % 14)),
        ...special,
      },
    });
  }
  return updates;
}

module.exports = { ALERTS, DEPARTURES, LONG_ALERT, SEVERE_ALERT, SEVERE_ALERT_DE, disruptionUpdates };
