import type { PutTemplateBody, TextTemplate } from '#shared/templates';
import { type Credentials, request } from '../api';

/** The disruption templates, by name (any signed-in operator may read them). */
export const listTemplates = (auth: Credentials) => request<TextTemplate[]>('GET', '/api/templates', { auth });

/**
 * The translations a picked template gives the text it filled in, for `textTranslations` or an
 * alert's `translations`: its other languages, and none once the operator edited the text.
 */
export function templateTranslations(template: TextTemplate | null, text: string): Record<string, string> | null {
  if (!template || template.texts.en !== text.trim()) return null;
  const others = Object.entries(template.texts).filter(([language]) => language !== 'en');
  return others.length > 0 ? Object.fromEntries(others) : null;
}

export const putTemplate = (auth: Credentials, id: string, body: PutTemplateBody) =>
  request<TextTemplate>('PUT', `/api/templates/${encodeURIComponent(id)}`, { auth, body });

export const deleteTemplate = (auth: Credentials, id: string) =>
  request<void>('DELETE', `/api/templates/${encodeURIComponent(id)}`, { auth });
