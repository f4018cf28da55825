/** Query parameters whose names say they carry a credential (`api_key`, `token`, `sig`, `client_secret`, …). */
const SECRET_PARAM = /key|token|secret|sig|pass|pwd|auth|credential|session|code/i;

/** What stands in for a credential in a shown URL. */
export const REDACTED = 'REDACTED';

/**
 * `url` as it may be shown to anyone or logged: user info and the values of query parameters that
 * look like credentials replaced by `REDACTED`. Works on absolute URLs and on request paths
 * (`/metrics?token=…`); text that is neither comes back as it is.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  const relative = url.startsWith('/');
  try {
    parsed = new URL(url, relative ? 'http://relative.invalid' : undefined);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username || parsed.password) {
    parsed.username = REDACTED;
    parsed.password = '';
    changed = true;
  }
  for (const name of new Set(parsed.searchParams.keys())) {
    if (!SECRET_PARAM.test(name)) continue;
    parsed.searchParams.set(name, REDACTED);
    changed = true;
  }
  if (!changed) return url;
  return relative ? `${parsed.pathname}${parsed.search}${parsed.hash}` : parsed.href;
}
