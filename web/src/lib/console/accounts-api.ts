import type { Feed, ScheduleImportReport } from '#shared/feeds';
import type { Screen } from '#shared/screens';
import type { TemplateChangeType } from '#shared/templates';
import type {
  ApiToken,
  AuditLogEntry,
  ChangeSource,
  CreatedApiToken,
  CreateTokenBody,
  CreateUserBody,
  LoginBody,
  SessionInfo,
  SessionState,
  User,
} from '#shared/auth';
import type { BoardChangeEvent } from '#shared/board-event';
import { type Credentials, request } from '../api';

/** The console's own endpoints: sign-in, accounts, tokens and the audit log. */

export const login = (body: LoginBody) => request<SessionInfo>('POST', '/api/auth/login', { body });

export const logout = () => request<void>('POST', '/api/auth/logout');

/** The session behind this browser's cookie, or that nobody is signed in. */
export const getSession = () => request<SessionState>('GET', '/api/auth/session');

export const listUsers = (auth: Credentials) => request<User[]>('GET', '/api/users', { auth });

export const createUser = (auth: Credentials, body: CreateUserBody) => request<User>('POST', '/api/users', { auth, body });

export const deleteUser = (auth: Credentials, id: string) => request<void>('DELETE', `/api/users/${encodeURIComponent(id)}`, { auth });

export const listTokens = (auth: Credentials) => request<ApiToken[]>('GET', '/api/tokens', { auth });

export const createToken = (auth: Credentials, body: CreateTokenBody) => request<CreatedApiToken>('POST', '/api/tokens', { auth, body });

export const revokeToken = (auth: Credentials, id: string) => request<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`, { auth });

/** `GET /api/audit`'s filters; empty ones are left out of the query. */
export interface AuditQuery {
  stationId?: string;
  actor?: string;
  action?: BoardChangeEvent['type'] | TemplateChangeType | '';
  source?: ChangeSource | '';
  before?: number;
  limit?: number;
}

export function listAudit(auth: Credentials, query: AuditQuery): Promise<AuditLogEntry[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString() ? `?${params}` : '';
  return request<AuditLogEntry[]>('GET', `/api/audit${search}`, { auth });
}

export const listFeeds = (auth: Credentials) => request<Feed[]>('GET', '/api/feeds', { auth });

/** Uploads a GTFS zip as the feed's schedule; `from` (`YYYY-MM-DD`) and `days` default on the server. */
export function importSchedule(
  auth: Credentials,
  feedId: string,
  zip: File,
  window: { from?: string; days?: number },
): Promise<ScheduleImportReport> {
  const query = new URLSearchParams();
  if (window.from) query.set('from', window.from);
  if (window.days) query.set('days', String(window.days));
  const file = new Blob([zip], { type: 'application/zip' });
  return request<ScheduleImportReport>('POST', `/api/feeds/${encodeURIComponent(feedId)}/schedule?${query}`, { auth, file });
}

export const listScreens = (auth: Credentials) => request<Screen[]>('GET', '/api/screens', { auth });

export const reloadScreen = (auth: Credentials, screenId: string) =>
  request<void>('POST', `/api/screens/${encodeURIComponent(screenId)}/reload`, { auth });
