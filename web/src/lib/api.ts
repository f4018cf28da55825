import type { ApiError, FieldError, LineDelayBody, PatchDepartureBody, PostAlertBody, PutDepartureBody } from '#shared/api';
import type { AuditEntry } from '#shared/auth';
import type { Alert, Board, Departure, Station } from '#shared/board';

/**
 * How a write proves who sends it: the console's session (its cookie goes by itself, same
 * origin; the CSRF token has to be added) or a pasted API token.
 */
export type Credentials = { csrfToken: string } | { bearer: string };

/** A request the API refused (or that never reached it); carries the API's error body. */
export class ApiRequestError extends Error {
  readonly body: ApiError;
  /** From `Retry-After` on a 429: how long until the server accepts the request again. */
  readonly retryAfterSeconds: number | null;

  constructor(body: ApiError, retryAfterSeconds: number | null = null) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get statusCode(): number {
    return this.body.statusCode;
  }

  get code(): string {
    return this.body.error;
  }

  get fields(): FieldError[] {
    return this.body.fields ?? [];
  }
}

export const listStations = () => request<Station[]>('GET', '/api/stations');

export const getStation = (stationId: string) => request<Station>('GET', stationPath(stationId));

export const getBoard = (stationId: string) => request<Board>('GET', `${stationPath(stationId)}/board`);

export const putDeparture = (auth: Credentials, stationId: string, departureId: string, body: PutDepartureBody) =>
  request<Departure>('PUT', departurePath(stationId, departureId), { auth, body });

export const patchDeparture = (auth: Credentials, stationId: string, departureId: string, body: PatchDepartureBody) =>
  request<Departure>('PATCH', departurePath(stationId, departureId), { auth, body });

export const deleteDeparture = (auth: Credentials, stationId: string, departureId: string) =>
  request<void>('DELETE', departurePath(stationId, departureId), { auth });

export const delayLine = (auth: Credentials, stationId: string, body: LineDelayBody) =>
  request<Departure[]>('POST', `${stationPath(stationId)}/line-delays`, { auth, body });

/** Takes back the caller's own latest change at the station; answers the entry undone. */
export const undoLastChange = (auth: Credentials, stationId: string) =>
  request<AuditEntry>('POST', `${stationPath(stationId)}/undo`, { auth });

export const postAlert = (auth: Credentials, stationId: string, body: PostAlertBody) =>
  request<Alert>('POST', `${stationPath(stationId)}/alerts`, { auth, body });

export const deleteAlert = (auth: Credentials, stationId: string, alertId: string) =>
  request<void>('DELETE', `${stationPath(stationId)}/alerts/${encodeURIComponent(alertId)}`, { auth });

function stationPath(stationId: string): string {
  return `/api/stations/${encodeURIComponent(stationId)}`;
}

function departurePath(stationId: string, departureId: string): string {
  return `${stationPath(stationId)}/departures/${encodeURIComponent(departureId)}`;
}

/** One API call; throws `ApiRequestError` for every failure, network errors included. */
export async function request<T>(
  method: string,
  path: string,
  options: { auth?: Credentials; body?: unknown; file?: Blob } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.auth && 'bearer' in options.auth) headers.Authorization = `Bearer ${options.auth.bearer}`;
  if (options.auth && 'csrfToken' in options.auth) headers['X-CSRF-Token'] = options.auth.csrfToken;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  // Files go as they are (a GTFS zip), typed by what they hold, not as JSON.
  if (options.file !== undefined) headers['Content-Type'] = options.file.type || 'application/octet-stream';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiRequestError({ statusCode: 0, error: 'network_error', message: 'The server could not be reached.' });
  }

  if (!response.ok) throw new ApiRequestError(await readError(response), retryAfter(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** `Retry-After` in seconds; the HTTP-date form is allowed by the standard, so it is read too. */
function retryAfter(response: Response): number | null {
  const value = response.headers.get('Retry-After');
  if (value === null) return null;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}

/** The API always answers errors as `ApiError`, but a proxy in between may not; never assume. */
async function readError(response: Response): Promise<ApiError> {
  const fallback: ApiError = {
    statusCode: response.status,
    error: 'http_error',
    message: `The server answered ${response.status} ${response.statusText}`.trim() + '.',
  };
  try {
    const body: unknown = await response.json();
    return isApiError(body) ? { ...body, fields: body.fields?.filter(isFieldError) } : fallback;
  } catch {
    return fallback;
  }
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<Record<keyof ApiError, unknown>>;
  return (
    typeof body.statusCode === 'number' &&
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    (body.fields === undefined || Array.isArray(body.fields))
  );
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const field = value as Partial<Record<keyof FieldError, unknown>>;
  return typeof field.field === 'string' && typeof field.message === 'string';
}
