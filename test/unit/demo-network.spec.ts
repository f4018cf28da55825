import { DEMO_NETWORK, demoDepartures } from '../../server/src/demo/demo-network';

describe('demo network', () => {
  const hb = DEMO_NETWORK.find((s) => s.id === 'zurich-hb')!;

  it('produces each line at its minutes past the hour, in the window only', () => {
    const from = new Date('2026-11-23T08:00:00Z');
    const to = new Date('2026-11-23T09:00:00Z');
    const s8 = demoDepartures(hb, from, to).filter((d) => d.body.line === 'S8' && d.body.kind === 'departure');
    expect(s8.map((d) => d.body.scheduledTime)).toEqual(['2026-11-23T08:14:00.000Z', '2026-11-23T08:44:00.000Z']);
    expect(s8[0].id).toBe('s8-20261123T0814');
  });

  it('has arrivals from their origin, ending here', () => {
    const arrivals = demoDepartures(hb, new Date('2026-11-23T08:00:00Z'), new Date('2026-11-23T09:00:00Z')).filter(
      (d) => d.body.kind === 'arrival',
    );
    expect(arrivals.length).toBeGreaterThan(0);
    expect(arrivals.find((d) => d.body.line === 'S8')).toMatchObject({
      id: 's8-arr-20261123T0811',
      body: { origin: 'Pfäffikon SZ', destination: 'Zürich HB' },
    });
  });

  it('gives each departure a unique id that a later window reproduces', () => {
    const a = demoDepartures(hb, new Date('2026-11-23T08:00:00Z'), new Date('2026-11-23T10:00:00Z'));
    const b = demoDepartures(hb, new Date('2026-11-23T09:00:00Z'), new Date('2026-11-23T10:00:00Z'));
    expect(new Set(a.map((d) => d.id)).size).toBe(a.length);
    expect(b.every((d) => a.some((x) => x.id === d.id))).toBe(true);
  });
});
