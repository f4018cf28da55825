import type { RealtimeReport } from '#shared/feeds';
import { appWithSbb, boardOf, pushSiri, siriFixture, sourceOf } from '../support/siri-feed';
import type { TestApp } from '../support/test-app';

const HB = 'sbb-8503000';
const OERLIKON = 'sbb-8503006';
const FLUGHAFEN = 'sbb-8503016';
const WINTERTHUR = 'sbb-8506000';
const WIRE_FAULT = 'siri.ch:sbb:2026-12-14-0042.0';
const S8_BUSES = 'siri.ch:sbb:2026-12-14-0043.0';
const LIFT = 'siri.ch:sbb:2026-12-14-0050.0';

const alertIds = async (t: TestApp, stationId: string) => (await boardOf(t, stationId)).alerts.map((a) => a.id).sort();

async function createToken(t: TestApp, name: string, permissions: string[]): Promise<string> {
  const res = await t.request('/api/tokens', { method: 'POST', auth: true, json: { name, permissions, stations: null } });
  if (res.status !== 201) throw new Error(`token ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** One document with both deliveries: the ET fixture with the SX fixture's delivery added. */
function etAndSx(): string {
  const sx = /<SituationExchangeDelivery[\s\S]*<\/SituationExchangeDelivery>/.exec(siriFixture('sx-zurich.xml').toString())![0];
  return siriFixture('et-zurich.xml').toString().replace('</ServiceDelivery>', `${sx}</ServiceDelivery>`);
}

describe('SIRI SituationExchange (e2e, sbb-mini-gtfs)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await appWithSbb();
  });
  afterEach(() => t.close());

  it('puts each situation on the stations its Affects name, with its German and French texts and its window', async () => {
    const res = await pushSiri(t, siriFixture('sx-zurich.xml'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as RealtimeReport;
    expect(report.stats).toMatchObject({ 'alerts.alerts': 3, 'alerts.matchedAlerts': 2, 'alerts.retracted': 1 });

    // Stop place 8503000 and stop point 8506000:0:3; line s8 reaches Zürich HB, Oerlikon and Winterthur; the airport is not affected.
    expect(await alertIds(t, HB)).toEqual([WIRE_FAULT, S8_BUSES]);
    expect(await alertIds(t, WINTERTHUR)).toEqual([WIRE_FAULT, S8_BUSES]);
    expect(await alertIds(t, OERLIKON)).toEqual([S8_BUSES]);
    expect(await alertIds(t, FLUGHAFEN)).toEqual([]);

    const fault = (await boardOf(t, HB)).alerts.find((a) => a.id === WIRE_FAULT)!;
    expect(fault).toMatchObject({
      severity: 'severe',
      text: 'Störung zwischen Zürich HB und Winterthur. Wegen einer Fahrleitungsstörung verkehren weniger Züge. Rechnen Sie mit Verspätungen.',
      translations: {
        de: 'Störung zwischen Zürich HB und Winterthur. Wegen einer Fahrleitungsstörung verkehren weniger Züge. Rechnen Sie mit Verspätungen.',
        fr: "Perturbation entre Zurich HB et Winterthour. En raison d'un dérangement de la ligne de contact, moins de trains circulent. Attendez-vous à des retards.",
      },
      // Valid 07:30-12:00, published 07:00-11:00 (Zürich time): shown 07:30-11:00.
      validFrom: '2026-12-14T06:30:00.000Z',
      validUntil: '2026-12-14T10:00:00.000Z',
    });
    // Priority 4 and no Severity: a notice, from 20:00 to 23:30.
    expect((await boardOf(t, OERLIKON)).alerts[0]).toMatchObject({
      severity: 'info',
      text: 'S8: Ersatzbusse ab 20 Uhr',
      translations: { de: 'S8: Ersatzbusse ab 20 Uhr', fr: 'S8 : bus de remplacement dès 20 h' },
      validFrom: '2026-12-14T19:00:00.000Z',
      validUntil: '2026-12-14T22:30:00.000Z',
    });
    expect(await sourceOf(t, 'siri-sx')).toMatchObject({ stats: { alerts: 3, matchedAlerts: 2, retracted: 1 }, problems: [], errors: [] });
  });

  it('reads a VDV 736 situation: texts from its passenger information action, stations from its publishing scope', async () => {
    expect((await pushSiri(t, siriFixture('sx-vdv736.xml'))).status).toBe(200);
    expect((await boardOf(t, FLUGHAFEN)).alerts).toEqual([
      expect.objectContaining({
        id: LIFT,
        severity: 'warning',
        text: 'Lift zu Gleis 1 und 2 ausser Betrieb. Technische Störung. Benutzen Sie die Rolltreppen beim Ausgang Airport Center.',
        translations: {
          de: 'Lift zu Gleis 1 und 2 ausser Betrieb. Technische Störung. Benutzen Sie die Rolltreppen beim Ausgang Airport Center.',
          fr: 'Ascenseur des voies 1 et 2 hors service. Dérangement technique. Utilisez les escaliers roulants vers la sortie Airport Center.',
        },
        validFrom: '2026-12-14T06:45:00.000Z',
        validUntil: null,
      }),
    ]);
    expect(await alertIds(t, HB)).toEqual([]);
  });

  it('retracts a situation once it is closed, everywhere it was, and keeps the others', async () => {
    await pushSiri(t, siriFixture('sx-zurich.xml'));
    await pushSiri(t, siriFixture('sx-vdv736.xml'));
    const res = await pushSiri(t, siriFixture('sx-zurich-closed.xml'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as RealtimeReport).stats).toMatchObject({ 'alerts.retracted': 1 });
    expect(await alertIds(t, HB)).toEqual([S8_BUSES]);
    expect(await alertIds(t, WINTERTHUR)).toEqual([S8_BUSES]);
    expect(await alertIds(t, FLUGHAFEN)).toEqual([LIFT]);
  });

  it('puts up nothing for a situation whose validity is over', async () => {
    const late = await appWithSbb({ CLOCK: '2026-12-14T11:30:00Z' });
    try {
      const report = (await (await pushSiri(late, siriFixture('sx-zurich.xml'))).json()) as RealtimeReport;
      // 12:30 in Zürich: the wire fault's window ended at 11:00; the evening buses are still to come.
      expect(report.stats).toMatchObject({ 'alerts.matchedAlerts': 1, 'alerts.retracted': 2 });
      expect(await alertIds(late, HB)).toEqual([S8_BUSES]);
    } finally {
      await late.close();
    }
  });

  it('refuses situations from a token without `alerts` (403), changes nothing, and says so in the health', async () => {
    const token = await createToken(t, 'departures-only', ['departures']);
    const before = await boardOf(t, HB);
    const res = await pushSiri(t, siriFixture('sx-zurich.xml'), token);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('forbidden');
    expect(body.message).toMatch(/alerts? refused: Token "departures-only" may not change alerts at station "sbb-/);
    expect(await boardOf(t, HB)).toEqual(before);
    expect((await sourceOf(t, 'siri-sx'))?.errors[0].message).toMatch(/Token "departures-only" may not change alerts/);
  });

  it('applies a mixed delivery’s journeys for a `departures` token and lists its refused situations', async () => {
    const token = await createToken(t, 'departures-only', ['departures']);
    const res = await pushSiri(t, etAndSx(), token);
    expect(res.status).toBe(200);
    const report = (await res.json()) as RealtimeReport;
    expect(report.stats['alerts.refusedChanges']).toBe(5);
    expect(report.problems).toContainEqual({
      problem: `2 alerts refused: Token "departures-only" may not change alerts at station "${HB}"`,
    });
    const board = await boardOf(t, HB);
    expect(board.alerts).toEqual([]);
    expect(board.departures.find((d) => d.id === 'ic708.20261214')?.expectedTime).toBe('2026-12-14T07:04:00.000Z');
  });

  it('refuses journeys from a token with only `alerts`', async () => {
    const token = await createToken(t, 'alerts-only', ['alerts']);
    const res = await pushSiri(t, siriFixture('et-zurich.xml'), token);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /departures? refused: Token "alerts-only" may not change departures/,
    );
    expect((await boardOf(t, HB)).departures.every((d) => d.expectedTime === null)).toBe(true);
  });
});
