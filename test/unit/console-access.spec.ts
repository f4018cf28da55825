import type { Principal } from '#shared/auth';
import { viewFromQuery, viewsFor } from '../../web/src/lib/console/console-view';
import { describeStations, roleOf, stationsFor } from '../../web/src/lib/console/principal';

const STATIONS = [
  { id: 'zurich-hb', name: 'Zürich HB', timezone: 'Europe/Zurich' },
  { id: 'bern', name: 'Bern', timezone: 'Europe/Zurich' },
  { id: 'basel-sbb', name: 'Basel SBB', timezone: 'Europe/Zurich' },
];

function principal(overrides: Partial<Principal> = {}): Principal {
  return { kind: 'user', id: 'usr-1', name: 'alice', permissions: ['departures', 'alerts'], stations: null, ...overrides };
}

describe(roleOf.name, () => {
  it('reads the role back from the permissions a session carries', () => {
    expect(roleOf(principal({ permissions: ['departures', 'alerts', 'stations', 'admin'] }))).toBe('admin');
    expect(roleOf(principal())).toBe('operator');
    expect(roleOf(principal({ permissions: [] }))).toBe('viewer');
  });
});

describe(stationsFor.name, () => {
  it('offers an operator limited to stations only those, and everyone else all, by name', () => {
    expect(stationsFor(principal({ stations: ['bern'] }), STATIONS).map((s) => s.id)).toEqual(['bern']);
    expect(stationsFor(principal(), STATIONS).map((s) => s.id)).toEqual(['basel-sbb', 'bern', 'zurich-hb']);
    expect(stationsFor(principal({ stations: [] }), STATIONS)).toEqual([]);
  });
});

describe(describeStations.name, () => {
  it('names the stations, or says all', () => {
    expect(describeStations(null, STATIONS)).toBe('all stations');
    expect(describeStations(['zurich-hb', 'gone'], STATIONS)).toBe('Zürich HB, gone');
  });
});

describe(viewFromQuery.name, () => {
  it('opens the view the address names, if the principal may see it', () => {
    expect(viewFromQuery('?view=audit', false)).toBe('audit');
    expect(viewFromQuery('?view=users', true)).toBe('users');
    expect(viewFromQuery('?view=users', false)).toBe('station');
    expect(viewFromQuery('', true)).toBe('station');
    expect(viewsFor(false)).toEqual(['station', 'screens', 'feeds', 'audit']);
    expect(viewFromQuery('?view=feeds', false)).toBe('feeds');
  });
});
