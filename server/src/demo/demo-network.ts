import type { PutDepartureBody } from '#shared/api';
import type { Station } from '#shared/board';

/** One line's service from a station: a departure every `every` minutes, `at` minutes past. */
export interface DemoService {
  line: string;
  lineColor: string;
  destination: string;
  via: string[];
  every: number;
  at: number;
  platform: string;
}

export interface DemoStation extends Station {
  services: DemoService[];
  /** Services arriving here: `destination` is read as their origin. */
  arrivals: DemoService[];
}

const s = (
  line: string,
  lineColor: string,
  destination: string,
  via: string[],
  every: number,
  at: number,
  platform: string,
): DemoService => ({
  line,
  lineColor,
  destination,
  via,
  every,
  at,
  platform,
});

/** A small network around Zürich, with its real lines' shapes and headways, for the demo board. */
export const DEMO_NETWORK: DemoStation[] = [
  {
    id: 'zurich-hb',
    name: 'Zürich HB',
    timezone: 'Europe/Zurich',
    services: [
      s('IC 1', '#d52b1e', 'Genève-Aéroport', ['Bern', 'Lausanne'], 30, 2, '32'),
      s('IC 5', '#d52b1e', 'Lausanne', ['Olten', 'Biel/Bienne'], 60, 32, '16'),
      s('IC 8', '#d52b1e', 'Brig', ['Bern', 'Spiez'], 60, 2, '31'),
      s('IR 36', '#1a6fb4', 'Basel SBB', ['Baden', 'Brugg AG'], 30, 4, '17'),
      s('RE 48', '#1a6fb4', 'St. Gallen', ['Winterthur', 'Wil SG'], 60, 38, '13'),
      s('S3', '#6a2c91', 'Wetzikon', ['Stadelhofen', 'Dietlikon'], 30, 8, '41'),
      s('S8', '#00843d', 'Pfäffikon SZ', ['Oerlikon', 'Winterthur'], 30, 14, '33'),
      s('S12', '#e2001a', 'Seuzach', ['Stadelhofen', 'Winterthur'], 30, 22, '44'),
      s('S16', '#008fc5', 'Zürich Flughafen', ['Oerlikon'], 30, 5, '42'),
      s('S24', '#a6753c', 'Thayngen', ['Zürich Flughafen', 'Winterthur'], 30, 25, '43'),
    ],
    arrivals: [
      s('IC 1', '#d52b1e', 'Genève-Aéroport', ['Lausanne', 'Bern'], 30, 58, '32'),
      s('IC 5', '#d52b1e', 'Lausanne', ['Biel/Bienne', 'Olten'], 60, 28, '16'),
      s('IR 36', '#1a6fb4', 'Basel SBB', ['Brugg AG', 'Baden'], 30, 56, '17'),
      s('S8', '#00843d', 'Pfäffikon SZ', ['Thalwil'], 30, 11, '33'),
      s('S16', '#008fc5', 'Herrliberg-Feldmeilen', ['Stadelhofen'], 30, 2, '42'),
    ],
  },
  {
    id: 'zurich-stadelhofen',
    name: 'Zürich Stadelhofen',
    timezone: 'Europe/Zurich',
    services: [
      s('S3', '#6a2c91', 'Wetzikon', ['Dietlikon', 'Effretikon'], 30, 11, '1'),
      s('S7', '#f39200', 'Rapperswil', ['Küsnacht ZH', 'Meilen'], 30, 17, '3'),
      s('S12', '#e2001a', 'Seuzach', ['Winterthur'], 30, 25, '1'),
      s('S16', '#008fc5', 'Meilen', ['Küsnacht ZH'], 30, 2, '3'),
      s('S18', '#8a2432', 'Esslingen', ['Forch'], 15, 6, 'Forchbahn'),
    ],
    arrivals: [s('S18', '#8a2432', 'Esslingen', ['Forch'], 15, 4, 'Forchbahn')],
  },
  {
    id: 'winterthur',
    name: 'Winterthur',
    timezone: 'Europe/Zurich',
    services: [
      s('IC 1', '#d52b1e', 'St. Gallen', ['Wil SG', 'Gossau SG'], 30, 27, '4'),
      s('IR 13', '#1a6fb4', 'Zürich HB', ['Zürich Flughafen'], 30, 9, '3'),
      s('RE 48', '#1a6fb4', 'Zürich HB', [], 60, 21, '6'),
      s('S8', '#00843d', 'Pfäffikon SZ', ['Effretikon', 'Zürich HB'], 30, 19, '5'),
      s('S11', '#5a8f2a', 'Aarau', ['Zürich HB', 'Dietikon'], 30, 3, '7'),
      s('S12', '#e2001a', 'Brugg AG', ['Zürich HB', 'Dietikon'], 30, 12, '5'),
      s('S33', '#7d7d7d', 'Schaffhausen', ['Andelfingen'], 30, 15, '8'),
    ],
    arrivals: [
      s('S33', '#7d7d7d', 'Schaffhausen', ['Andelfingen'], 30, 12, '8'),
      s('RE 48', '#1a6fb4', 'St. Gallen', ['Wil SG'], 60, 19, '6'),
    ],
  },
  {
    id: 'zurich-flughafen',
    name: 'Zürich Flughafen',
    timezone: 'Europe/Zurich',
    services: [
      s('IC 5', '#d52b1e', 'Lausanne', ['Zürich HB', 'Biel/Bienne'], 60, 15, '3'),
      s('IR 13', '#1a6fb4', 'Chur', ['Zürich HB', 'Sargans'], 30, 22, '4'),
      s('IR 36', '#1a6fb4', 'Basel SBB', ['Zürich HB', 'Baden'], 30, 27, '2'),
      s('S2', '#e1007a', 'Ziegelbrücke', ['Zürich HB', 'Thalwil'], 30, 9, '1'),
      s('S16', '#008fc5', 'Herrliberg-Feldmeilen', ['Oerlikon', 'Zürich HB'], 30, 13, '2'),
      s('S24', '#a6753c', 'Zug', ['Zürich HB', 'Thalwil'], 30, 18, '1'),
    ],
    arrivals: [s('S2', '#e1007a', 'Ziegelbrücke', ['Thalwil', 'Zürich HB'], 30, 6, '1')],
  },
];

/** Upcoming departures and arrivals of a demo station whose timetabled time falls in `[from, to)`. */
export function demoDepartures(station: DemoStation, from: Date, to: Date): Array<{ id: string; body: PutDepartureBody }> {
  const result: Array<{ id: string; body: PutDepartureBody }> = [];
  const firstMinute = Math.ceil(from.getTime() / 60_000);
  const lastMinute = Math.floor((to.getTime() - 1) / 60_000);
  const rows = [
    ...station.services.map((service) => ({ service, arrival: false })),
    ...station.arrivals.map((service) => ({ service, arrival: true })),
  ];
  for (const { service, arrival } of rows) {
    for (let minute = firstMinute; minute <= lastMinute; minute++) {
      if (((minute % service.every) + service.every) % service.every !== service.at % service.every) continue;
      const scheduledTime = new Date(minute * 60_000).toISOString();
      const line = service.line.replace(/\s+/g, '').toLowerCase();
      result.push({
        id: `${line}${arrival ? '-arr' : ''}-${scheduledTime.slice(0, 16).replace(/[-:]/g, '')}`,
        body: {
          kind: arrival ? 'arrival' : 'departure',
          line: service.line,
          lineColor: service.lineColor,
          destination: arrival ? station.name : service.destination,
          origin: arrival ? service.destination : null,
          via: service.via,
          scheduledTime,
          scheduledPlatform: service.platform,
        },
      });
    }
  }
  return result;
}
