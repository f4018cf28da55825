import type { Board } from '#shared/board';
import { departureBody } from '../support/factories';
import { createStation, startTestApp, type TestApp } from '../support/test-app';

/** An operator's alert in the board's languages (issue 15: "the board's language throughout"). */
describe('alert translations from operators (e2e)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
  });
  afterEach(() => t.close());

  const post = (json: unknown, path = '/api/stations/zurich-hb/alerts') => t.request(path, { method: 'POST', auth: true, json });
  const alerts = async () => ((await (await t.request('/api/stations/zurich-hb/board')).json()) as { alerts: unknown[] }).alerts;

  it('stores the texts by language, trimmed, and the board carries them', async () => {
    const res = await post({
      severity: 'severe',
      text: 'Platforms 41-44 are being evacuated',
      translations: { de: ' Gleise 41-44 werden geräumt ', 'fr-CH': 'Évacuation des voies 41-44' },
    });
    expect(res.status).toBe(201);
    expect(await alerts()).toMatchObject([
      {
        text: 'Platforms 41-44 are being evacuated',
        translations: { de: 'Gleise 41-44 werden geräumt', 'fr-CH': 'Évacuation des voies 41-44' },
      },
    ]);
  });

  it('takes them in a batch too', async () => {
    const res = await post(
      {
        updates: [
          {
            op: 'post-alert',
            stationId: 'zurich-hb',
            alert: { severity: 'info', text: 'Lift out of order', translations: { de: 'Lift defekt' } },
          },
        ],
      },
      '/api/updates',
    );
    expect(res.status).toBe(200);
    expect(await alerts()).toMatchObject([{ translations: { de: 'Lift defekt' } }]);
  });

  it.each([
    ['a list', ['de'], 'translations must be an object of language tags to texts'],
    ['a made-up language tag', { german: 'x' }, 'translations: "german" is not a language tag'],
    ['an empty text', { de: '  ' }, 'translations.de must be text of 1 to 500 characters'],
    ['a text too long', { de: 'x'.repeat(501) }, 'translations.de must be text of 1 to 500 characters'],
    ['a bidi override', { de: 'Gleis \u202e7' }, 'translations.de contains a bidirectional control (U+202E)'],
    ['too many languages', Object.fromEntries(['de', 'fr', 'it', 'rm', 'en', 'es', 'pt', 'nl', 'pl'].map((l) => [l, 'x'])), 'at most 8'],
  ])('refuses %s with a 400 naming the field, and posts nothing', async (_name, translations, message) => {
    const res = await post({ severity: 'info', text: 'Lift out of order', translations });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: { field: string; message: string }[] };
    expect(body.fields).toEqual([{ field: 'translations', message: expect.stringContaining(message) }]);
    expect(await alerts()).toEqual([]);
  });
});

/** A departure's reason and remarks in the board's languages (what a template gives). */
describe('departure text translations (e2e)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
    await t.request('/api/stations/zurich-hb/departures/s8', { method: 'PUT', auth: true, json: departureBody() });
  });
  afterEach(() => t.close());

  const patch = (json: unknown) => t.request('/api/stations/zurich-hb/departures/s8', { method: 'PATCH', auth: true, json });
  const row = async () => ((await (await t.request('/api/stations/zurich-hb/board')).json()) as Board).departures[0];

  it('keeps the translations of the texts the row shows, and drops them with the texts', async () => {
    const res = await patch({
      cancelled: true,
      cancelReason: 'Signal failure',
      remarks: ['Use the S24'],
      textTranslations: {
        'Signal failure': { de: 'Stellwerkstörung' },
        'Use the S24': { de: 'Bitte S24 benützen' },
        'Not shown': { de: 'x' },
      },
    });
    expect(res.status).toBe(200);
    expect((await row()).textTranslations).toEqual({
      'Signal failure': { de: 'Stellwerkstörung' },
      'Use the S24': { de: 'Bitte S24 benützen' },
    });
    // New remarks without translations: the old remark's goes; the reason's stays while the reason does.
    await patch({ remarks: ['Replacement buses from Sihlquai'] });
    expect((await row()).textTranslations).toEqual({ 'Signal failure': { de: 'Stellwerkstörung' } });
    // Reinstated, the reason is no longer shown, and neither is its translation.
    await patch({ cancelled: false });
    expect((await row()).textTranslations).toBeUndefined();
  });

  it('refuses translations that break the text rules, naming the field, and changes nothing', async () => {
    const before = await row();
    const res = await patch({ remarks: ['Late'], textTranslations: { Late: { de: 'Versp\u202etätet' } } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      fields: [{ field: 'textTranslations', message: 'textTranslations["Late"].de contains a bidirectional control (U+202E)' }],
    });
    expect(await row()).toEqual(before);
  });
});
