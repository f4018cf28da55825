import type { AuditLogEntry, TemplateAuditEntry } from '#shared/auth';
import type { TextTemplate } from '#shared/templates';
import { signIn } from '../support/console-session';
import { storeEngines, type TestStore } from '../support/stores';
import { createStation, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

describe('disruption templates (e2e)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    await createStation(t);
  });
  afterEach(() => t.close());

  const put = (id: string, json: unknown) => t.request(`/api/templates/${id}`, { method: 'PUT', auth: true, json });
  const SIGNAL = { name: 'Signal failure', use: 'reason', texts: { en: 'Signal failure', de: ' Stellwerkstörung ' } };

  it('lets an admin keep templates with a text per language, and any signed-in operator read them', async () => {
    expect((await put('signal-failure', SIGNAL)).status).toBe(201);
    expect((await put('signal-failure', { ...SIGNAL, name: 'Signal failure (any)' })).status).toBe(200);
    const evacuation = {
      name: 'Platform evacuation',
      use: 'alert',
      severity: 'severe',
      texts: { en: 'Leave the platforms', de: 'Gleise räumen' },
    };
    expect((await put('platform-evacuation', evacuation)).status).toBe(201);

    const admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
    await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'olga', password: 'a long operator password', role: 'operator', stations: ['zurich-hb'] },
    });
    const operator = await signIn(t, 'olga', 'a long operator password');
    const listed = (await (await operator.request('/api/templates')).json()) as TextTemplate[];
    expect(listed.map((x) => [x.id, x.name, x.use, x.severity, x.texts])).toEqual([
      ['platform-evacuation', 'Platform evacuation', 'alert', 'severe', { en: 'Leave the platforms', de: 'Gleise räumen' }],
      ['signal-failure', 'Signal failure (any)', 'reason', null, { en: 'Signal failure', de: 'Stellwerkstörung' }],
    ]);
    expect(listed[1].updatedBy).not.toBe('');
    // Operators pick them but may not change them; nobody signed out may read them.
    expect((await operator.request('/api/templates/signal-failure', { method: 'DELETE' })).status).toBe(403);
    expect((await t.request('/api/templates')).status).toBe(401);
    expect((await t.request('/api/templates/signal-failure', { method: 'DELETE', auth: true })).status).toBe(204);
    expect((await t.request('/api/templates/signal-failure', { method: 'DELETE', auth: true })).status).toBe(404);
  });

  it.each([
    ['no English text', { ...SIGNAL, texts: { de: 'Stellwerkstörung' } }, 'texts', 'texts must include "en"'],
    ['an alert without severity', { ...SIGNAL, use: 'alert' }, 'severity', 'severity is required for an alert template'],
    ['an unknown use', { ...SIGNAL, use: 'banner' }, 'use', 'use must be one of: reason, remark, alert'],
    [
      'a bidi override in a text',
      { ...SIGNAL, texts: { en: 'Signal \u202efailure' } },
      'texts',
      'texts.en contains a bidirectional control (U+202E)',
    ],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_name, body, field, message) => {
    const res = await put('signal-failure', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: unknown[] }).fields).toEqual([{ field, message: expect.stringContaining(message) }]);
    expect(await (await t.request('/api/templates', { auth: true })).json()).toEqual([]);
  });
});

describe.each(storeEngines())('$name: template changes in the audit log (e2e)', (engine) => {
  let store: TestStore;
  let t: TestApp;

  beforeEach(async () => {
    store = await engine.create();
    t = await startTestApp(engine.name === 'postgres' ? store.env : {});
    await createStation(t);
  });
  afterEach(async () => {
    await t.close();
    await store.drop();
  });

  const put = (id: string, json: unknown) => t.request(`/api/templates/${id}`, { method: 'PUT', auth: true, json });
  const audit = async (query = '') => (await (await t.request(`/api/audit${query}`, { auth: true })).json()) as AuditLogEntry[];
  const SIGNAL = { name: 'Signal failure', use: 'reason', texts: { en: 'Signal failure', de: 'Stellwerkstörung' } };

  it('records who created, changed and deleted a template, with its texts before and after', async () => {
    expect((await put('signal-failure', SIGNAL)).status).toBe(201);
    expect((await put('signal-failure', { ...SIGNAL, texts: { en: 'Signal failure', de: 'Signalstörung' } })).status).toBe(200);
    expect((await t.request('/api/templates/signal-failure', { method: 'DELETE', auth: true })).status).toBe(204);

    // Filtered to template changes: every entry is one (its `stationId` null says so).
    const entries = (await audit('?action=template-saved')) as TemplateAuditEntry[];
    expect(entries.map((e) => [e.action, e.targetId, e.stationId, e.before?.texts ?? null, e.after?.texts ?? null])).toEqual([
      ['template-saved', 'signal-failure', null, SIGNAL.texts, { en: 'Signal failure', de: 'Signalstörung' }],
      ['template-saved', 'signal-failure', null, null, SIGNAL.texts],
    ]);
    const [deleted] = await audit('?action=template-deleted');
    expect(deleted).toMatchObject({
      actor: { kind: 'token', name: expect.any(String) },
      source: 'feed',
      targetId: 'signal-failure',
      before: { name: 'Signal failure', texts: { en: 'Signal failure', de: 'Signalstörung' } },
      after: null,
    });
    expect(Date.parse(deleted.at)).not.toBeNaN();
  });

  it('records nothing for a refused change, and names the person who made one in the console', async () => {
    expect((await put('signal-failure', { ...SIGNAL, texts: { de: 'Stellwerkstörung' } })).status).toBe(400);
    expect((await t.request('/api/templates/no-such', { method: 'DELETE', auth: true })).status).toBe(404);
    expect(await audit()).toEqual([]);

    const admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await admin.request('/api/templates/signal-failure', { method: 'PUT', json: SIGNAL })).status).toBe(201);
    expect(await audit()).toMatchObject([
      { action: 'template-saved', actor: { kind: 'user', name: TEST_ADMIN.username }, source: 'operator' },
    ]);
  });

  it('shows template changes to those who see every station, not to an operator of one station', async () => {
    const admin = await signIn(t, TEST_ADMIN.username, TEST_ADMIN.password);
    await admin.request('/api/users', {
      method: 'POST',
      json: { username: 'olga', password: 'a long operator password', role: 'operator', stations: ['zurich-hb'] },
    });
    await put('signal-failure', SIGNAL);
    const operator = await signIn(t, 'olga', 'a long operator password');
    expect(await (await operator.request('/api/audit')).json()).toEqual([]);
    // Nor under a station's filter: a template is no station's.
    expect(await audit('?stationId=zurich-hb')).toEqual([]);
    expect(await audit()).toHaveLength(1);
  });
});
