import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config';

/** A station screen's page, as the web app's router matches it (`/board/<station>`). */
const BOARD_PAGE = /^\/board\/[^/]+\/*$/;
/** A board's event stream, as the API routes it. */
const BOARD_STREAM = /^\/api\/stations\/[^/]+\/board\/events\/*$/i;

/**
 * helmet's headers, fitted to station screens: `Strict-Transport-Security` only on requests that came
 * over TLS (directly, or through a proxy trusted with `TRUST_PROXY`), since on a plain-http LAN it
 * would lock a kiosk onto https; board pages may be framed by the `FRAME_ANCESTORS` origins (signage
 * players), everything else, the console above all, only by our own pages.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const everywhere = helmet(helmetOptions([]));
  // X-Frame-Options cannot name origins, and would forbid what frame-ancestors allows in older players.
  const boards = config.frameAncestors.length > 0 ? helmet(helmetOptions(config.frameAncestors)) : everywhere;
  // An event stream is no document: a policy for documents (CSP, framing, referrers, cross-origin
  // openers, old IE and Flash switches) does nothing on it, while each screen's stream keeps its
  // header block for hours. It keeps what applies to any response: no sniffing, same-origin reads.
  const stream = helmet({
    ...Object.fromEntries(HELMET_MIDDLEWARES.map((name) => [name, false])),
    xContentTypeOptions: true,
    xPoweredBy: true,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  const hsts = helmet.strictTransportSecurity();
  return (req: Request, res: Response, next: NextFunction) => {
    const headers = BOARD_STREAM.test(req.path) ? stream : BOARD_PAGE.test(req.path) ? boards : everywhere;
    headers(req, res, (error?: unknown) => (error || !req.secure ? next(error) : hsts(req, res, next)));
  };
}

/** Every header helmet sets by default, so the stream's set names what it keeps rather than what it drops. */
const HELMET_MIDDLEWARES = [
  'contentSecurityPolicy',
  'crossOriginEmbedderPolicy',
  'crossOriginOpenerPolicy',
  'crossOriginResourcePolicy',
  'originAgentCluster',
  'referrerPolicy',
  'strictTransportSecurity',
  'xContentTypeOptions',
  'xDnsPrefetchControl',
  'xDownloadOptions',
  'xFrameOptions',
  'xPermittedCrossDomainPolicies',
  'xPoweredBy',
  'xXssProtection',
] as const satisfies ReadonlyArray<keyof HelmetOptions>;

function helmetOptions(frameAncestors: string[]): HelmetOptions {
  return {
    strictTransportSecurity: false,
    xFrameOptions: frameAncestors.length === 0 ? { action: 'sameorigin' } : false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // Svelte sets element styles at run time; scripts stay same-origin only.
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'frame-ancestors': ["'self'", ...frameAncestors],
        // Station screens are often plain http on a LAN; upgrading their requests would break them.
        'upgrade-insecure-requests': null,
      },
    },
  };
}
