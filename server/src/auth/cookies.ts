import type { Request } from 'express';

export const SESSION_COOKIE = 'headway_session';

/** One cookie's value from the request (a few lines instead of a cookie-parser middleware for one cookie). */
export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}
