import type { TextTemplate } from '#shared/templates';

/** The usual disruption texts, in English and German, so the demo's console has templates to pick. */
export const DEMO_TEMPLATES: Array<Omit<TextTemplate, 'updatedAt' | 'updatedBy'>> = [
  { id: 'signal-failure', name: 'Signal failure', use: 'reason', severity: null, texts: { en: 'Signal failure', de: 'Stellwerkstörung' } },
  { id: 'staff-shortage', name: 'Staff shortage', use: 'reason', severity: null, texts: { en: 'Staff shortage', de: 'Personalmangel' } },
  {
    id: 'replacement-buses',
    name: 'Replacement buses',
    use: 'remark',
    severity: null,
    texts: { en: 'Replacement buses from the Sihlquai bus station', de: 'Ersatzbusse ab Carparkplatz Sihlquai' },
  },
  {
    id: 'platform-evacuation',
    name: 'Platform evacuation',
    use: 'alert',
    severity: 'severe',
    texts: {
      en: 'Evacuation of platforms 41-44: follow the instructions of the staff.',
      de: 'Räumung der Gleise 41-44: Folgen Sie den Anweisungen des Personals.',
    },
  },
];
