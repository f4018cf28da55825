import type { Instant } from './board';
import type { BoardChangeEvent } from './board-event';
import type { TemplateChangeType, TextTemplate } from './templates';

/**
 * Who may do what. Reads of boards are public; every change is made by a principal: a person
 * signed in to the console (a user) or a feed system holding an API token.
 */

/** viewer: reads the console only; operator: changes departures and alerts; admin: everything. */
export type Role = 'viewer' | 'operator' | 'admin';

/** What a principal may change. `admin` covers stations, users, tokens and the audit log. */
export type Permission = 'departures' | 'alerts' | 'stations' | 'admin';

/** The caller of a request, as the server sees it. */
export interface Principal {
  kind: 'user' | 'token';
  id: string;
  /** A username, or a token's name. */
  name: string;
  /** What it may change. A user's follow from its role; a token's are chosen when it is made. */
  permissions: Permission[];
  /** Station ids it may change; `null` means every station. */
  stations: string[] | null;
}

/** A console account. */
export interface User {
  /** @example "usr-3f9a0c1b2d4e" */
  id: string;
  username: string;
  role: Role;
  /** Station ids the user may change; `null` means every station. */
  stations: string[] | null;
  createdAt: Instant;
}

/** An API token for a feed system. The secret itself is shown once, at creation, and stored hashed. */
export interface ApiToken {
  /** @example "tok-5c2e8a9b1f3d" */
  id: string;
  name: string;
  permissions: Permission[];
  /** Station ids the token may change; `null` means every station. */
  stations: string[] | null;
  createdAt: Instant;
  revokedAt: Instant | null;
  lastUsedAt: Instant | null;
}

/** The answer to creating a token: the only time its secret is shown. */
export interface CreatedApiToken extends ApiToken {
  /** The secret to send as `Authorization: Bearer <token>`: shown in this answer only, stored hashed. */
  token: string;
}

/** `POST /api/auth/login`. */
export interface LoginBody {
  username: string;
  password: string;
}

/** The signed-in session: who, until when, and the token to send as `X-CSRF-Token` with writes. */
export interface SessionInfo {
  principal: Principal;
  csrfToken: string;
  expiresAt: Instant;
}

/**
 * `GET /api/auth/session`: this browser's session, or that there is none. Always 200, so a
 * sign-in page that asks is not an error (and logs none in the browser's console).
 */
export type SessionState =
  | ({
      /** Whether this browser's cookie names a session that is still valid. */
      signedIn: true;
    } & SessionInfo)
  | {
      /** Whether this browser's cookie names a session that is still valid. */
      signedIn: false;
    };

/** `POST /api/users`. */
export interface CreateUserBody {
  username: string;
  password: string;
  role: Role;
  stations?: string[] | null;
}

/** `POST /api/tokens`. */
export interface CreateTokenBody {
  name: string;
  permissions: Array<Exclude<Permission, 'admin'>>;
  stations?: string[] | null;
}

/** Where a change came from. */
export type ChangeSource = 'operator' | 'feed' | 'simulator' | 'system';

/** Who made a change: a person, a feed's token, or one of the server's own jobs. */
export interface AuditActor {
  kind: Principal['kind'] | 'system';
  id: string;
  /** A username, a token's name, or the system job (`roll-off`, `simulator`). */
  name: string;
}

/** One change in the audit log: who, when, from where, and the row before and after. */
export interface AuditEntry {
  id: number;
  at: Instant;
  actor: AuditActor;
  source: ChangeSource;
  stationId: string;
  action: BoardChangeEvent['type'];
  /** The departure or alert changed. */
  targetId: string;
  /** The departure or alert before the change (`null`: it did not exist). */
  before: unknown;
  /** The departure or alert after the change (`null`: it was removed). */
  after: unknown;
  /** The change's position in the station's log. */
  seq: number;
  /** When this change undid another: that entry's id. */
  undoOf: number | null;
  /** Whether this change has been undone since. */
  undone: boolean;
}

/**
 * A change to a disruption template in the audit log. Templates serve every station, so the entry
 * names none, and it is never undone through a station's undo.
 */
export interface TemplateAuditEntry {
  id: number;
  at: Instant;
  actor: AuditActor;
  source: ChangeSource;
  /** Always `null`: a template belongs to no station. */
  stationId: null;
  /** `template-saved` (created or replaced) or `template-deleted`. */
  action: TemplateChangeType;
  /** The template's id. */
  targetId: string;
  /** The template before (`null`: it was created). */
  before: TextTemplate | null;
  /** The template after (`null`: it was deleted). */
  after: TextTemplate | null;
  /** Always `null`: a station's log position. */
  seq: null;
  /** Always `null`: a template change undoes nothing. */
  undoOf: null;
  /** Always `false`: a station's undo never takes back a template change. */
  undone: false;
}

/** One line of `GET /api/audit`: a board change at a station, or a template change. */
export type AuditLogEntry = AuditEntry | TemplateAuditEntry;

/** What a role may change. */
export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  viewer: [],
  operator: ['departures', 'alerts'],
  admin: ['departures', 'alerts', 'stations', 'admin'],
};

/** Whether `principal` may make a change needing `permission`, at `stationId` if the change is a station's. */
export function mayChange(principal: Principal, permission: Permission, stationId?: string): boolean {
  if (!principal.permissions.includes(permission)) return false;
  if (stationId === undefined || principal.stations === null) return true;
  return principal.stations.includes(stationId);
}
