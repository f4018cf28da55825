import type { ApiError } from '#shared/api';
import type { Principal, SessionInfo } from '#shared/auth';

/** One answer of the fake API: a status and a JSON body (none for 204). */
export type FakeAnswer = { status: number; body?: unknown };

type Handler = (init: RequestInit) => FakeAnswer | Promise<FakeAnswer>;

/** A request the web code made, as the server would have received it. */
export interface SentRequest {
  route: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Stands in for the server behind the web's `fetch`, one handler per `METHOD /path`, so a state
 * class runs its real API client. A request with no handler fails the test that made it.
 */
export function fakeApi(routes: Record<string, Handler>): { sent: SentRequest[]; restore(): void } {
  const sent: SentRequest[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init = {}) => {
    const route = `${init.method ?? 'GET'} ${String(input)}`;
    const handler = routes[route];
    if (!handler) throw new Error(`unexpected request: ${route}`);
    sent.push({
      route,
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const { status, body } = await handler(init);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { sent, restore: () => (globalThis.fetch = original) };
}

export function apiError(statusCode: number, error: string, overrides: Partial<ApiError> = {}): FakeAnswer {
  return { status: statusCode, body: { statusCode, error, message: `${error} (${statusCode})`, ...overrides } };
}

/** An answer the test sends when it chooses, to look at the state while the request is in flight. */
export function deferred(): { handler: Handler; answer(answer: FakeAnswer): void } {
  let answer!: (answer: FakeAnswer) => void;
  const promise = new Promise<FakeAnswer>((resolve) => (answer = resolve));
  return { handler: () => promise, answer };
}

export function sessionInfo(overrides: Partial<Principal> = {}): SessionInfo {
  return {
    principal: { kind: 'user', id: 'u1', name: 'ada', permissions: ['departures', 'alerts'], stations: null, ...overrides },
    csrfToken: 'csrf-1',
    expiresAt: '2026-12-01T20:00:00.000Z',
  };
}
