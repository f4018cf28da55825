import type {
  ApiError,
  FieldError,
  PatchDepartureBody,
  PostAlertBody,
  PutDepartureBody,
} from '#shared/api';
import type { Alert, Board, Departure, Station } from '#shared/board';

/** A request the API refused (or that never reached it); carries the API's error body. */
export class ApiRequestError extends Error {
  readonly body: ApiError;

  constructor(body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.body = body;
  }

  get statusCode(): number {
    return this.body.statusCode;
  }

  get fields(): FieldError[] {
    return this.body.fields ?? [];
  }
}

export const listStations = () => request<Station[]>('GET', '/api/stations');

export const getStation = (stationId: string) => request<Station>('GET', stationPath(stationId));

export const getBoard = (stationId: string) => request<Board>('GET', `${stationPath(stationId)}/board`);

export const putDeparture = (token: string, stationId: string, departureId: string, body: PutDepartureBody) =>
  request<Departure>('PUT', departurePath(stationId, departureId), { token, body });

export const patchDeparture = (token: string, stationId: string, departureId: string, body: PatchDepartureBody) =>
  request<Departure>('PATCH', departurePath(stationId, departureId), { token, body });

export const deleteDeparture = (token: string, stationId: string, departureId: string) =>
  request<void>('DELETE', departurePath(stationId, departureId), { token });

export const postAlert = (token: string, stationId: string, body: PostAlertBody) =>
  request<Alert>('POST', `${stationPath(stationId)}/alerts`, { token, body });

export const deleteAlert = (token: string, stationId: string, alertId: string) =>
  request<void>('DELETE', `${stationPath(stationId)}/alerts/${encodeURIComponent(alertId)}`, { token });

function stationPath(stationId: string): string {
  return `/api/stations/${encodeURIComponent(stationId)}`;
}

function departurePath(stationId: string, departureId: string): string {
  return `${stationPath(stationId)}/departures/${encodeURIComponent(departureId)}`;
}

async function request<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiRequestError({ statusCode: 0, error: 'network_error', message: 'The server could not be reached.' });
  }

  if (!response.ok) throw new ApiRequestError(await readError(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
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
