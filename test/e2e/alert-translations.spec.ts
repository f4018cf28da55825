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
