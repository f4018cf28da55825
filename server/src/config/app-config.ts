import { resolve } from 'node:path';

/** Settings read once at start. Every variable is documented in the README's configuration table. */
export interface AppConfig {
  port: number;
  host: string;
  /**
   * Connections the kernel holds for the server before it accepts them. After a restart or a deploy every
   * screen reconnects at once; a short queue resets the overflow (Node's default is 511) and they retry.
   */
  listenBacklog: number;
  /** Where the embedded SQLite database and the generated admin token live. */
  dataDir: string;
  /** Bootstrap bearer token for writes; when unset, one is generated and kept in `dataDir`. */
  adminToken: string | null;
  /** The first admin account, created on first start; a password is generated and printed when unset. */
  adminUsername: string;
  adminPassword: string | null;
  /** How long a console sign-in lasts. */
  sessionTtlHours: number;
  /** Origins allowed to call the API from a browser (CORS); empty means none but our own. */
  corsOrigins: string[];
  /**
   * Which reverse proxies' `X-Forwarded-*` to believe (client addresses, Secure cookies behind TLS):
   * `false` for none, a hop count, or the proxies' addresses and subnets (Express `trust proxy` forms).
   * Trusting any sender would let every request claim a new address and dodge the throttles.
   */
  trustProxy: false | number | string[];
  /** A bearer token `/metrics` requires; `null`: open (bind `HOST` to a private address then). */
  metricsToken: string | null;
  /** Origins (besides our own) allowed to frame `/board/*` pages, e.g. signage players; the console is never framable. */
  frameAncestors: string[];
  /** Concurrent event streams allowed per client address (screens of one station often share one behind NAT). */
  streamsPerClient: number;
  /** How many large request bodies (over 64 KiB) are read at once; further ones get 503 with Retry-After. */
  bodyReadsAtOnce: number;
  /** Allow feed URLs on loopback, link-local and private networks (a feed server on the same LAN). */
  feedAllowPrivate: boolean;
  /** Largest size one file of a GTFS zip may inflate to, in bytes. */
  gtfsFileLimitBytes: number;
  /** Changes that may wait for the store; a write that does not fit gets 503 `overloaded` with Retry-After. */
  writeQueueLimit: number;
  /** Writes of more than 10 changes are refused (503 `overloaded`) while every turn of the event loop ran later than this for a second. */
  writeMaxLagMs: number;
  /** Sign-in attempts allowed per client address and minute. */
  loginRateLimit: number;
  /** Writes allowed per principal (user or token) and minute. */
  writeRateLimit: number;
  /** Seed the demo network into an empty store. */
  demo: boolean;
  /** Run the demo simulator: keeps the demo timetable rolling and posts occasional disruptions. */
  simulator: boolean;
  /** Mean time between the simulator's disruptions. */
  simulatorIntervalMs: number;
  /** Largest JSON request body accepted, in bytes; larger bodies get 413. */
  bodyLimitBytes: number;
  /** The same for `POST /api/updates`, whose batches hold thousands of updates. */
  batchBodyLimitBytes: number;
  /** Interval of the `heartbeat` event that keeps idle streams open through proxies and tells screens they are live. */
  heartbeatMs: number;
  /** How long a departure stays on the board after it left (expected time, else timetabled). */
  departedGraceMinutes: number;
  /** How long each station's change log is kept for resuming screens. */
  eventRetentionHours: number;
  /** However old, at least this many of each station's latest changes are kept. */
  eventRetentionMinEvents: number;
  /** Directory of the built web app; `null` serves the API only. */
  webDir: string | null;
  /** Start the boards' clock at this instant instead of now (to replay recorded feeds); `null`: the wall clock. */
  clock: Date | null;
  /** How many service days a GTFS schedule import covers, from today (in the agency's timezone). */
  gtfsServiceDays: number;
  /** A feed whose latest realtime data is older than this marks its boards as stale. */
  feedStaleSeconds: number;
  /** Largest GTFS zip or GTFS-Realtime body accepted, in bytes. */
  feedBodyLimitBytes: number;
  /** A shared PostgreSQL store (`postgres://…`) instead of the embedded SQLite one; `null`: SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Least severe log level written (`fatal` … `trace`, or `silent`); logs are JSON lines on stdout. */
  logLevel: string;
  /** Redis (`redis://…`) carrying every instance's changes to every other; `null`: in-process fan-out only. */
  redisUrl: string | null;
}

/** Thrown for a bad environment, so start-up stops with one clear message per bad variable. */
export class ConfigError extends Error {}

/** Reads and validates the environment; throws `ConfigError` listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = (env[name] ?? '').trim().toLowerCase();
    if (raw === '') return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be "on" or "off", got "${env[name]}"`);
    return fallback;
  };
  const instant = (name: string): Date | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    const value = new Date(raw);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(value.getTime())) {
      problems.push(`${name} must be an ISO 8601 instant such as 2023-11-08T01:00:00Z, got "${raw}"`);
      return null;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    let protocol = '';
    try {
      protocol = new URL(raw).protocol;
    } catch {
      // reported below
    }
    if (!protocols.includes(protocol)) {
      problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, got "${raw.replace(/\/\/[^@/]*@/, '//…@')}"`);
      return null;
    }
    return raw;
  };
  const oneOf = (name: string, values: string[], fallback: string): string => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (values.includes(raw)) return raw;
    problems.push(`${name} must be one of ${values.join(', ')}, got "${env[name]}"`);
    return fallback;
  };
  const secret = (name: string): string | null => {
    const raw = env[name]?.trim() || null;
    if (raw !== null && raw.length < 16) problems.push(`${name} must be at least 16 characters`);
    return raw;
  };
  const origins = (name: string): string[] => {
    const list = (env[name] ?? '')
      .split(/[\s,]+/)
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of list) {
      let ok: boolean;
      try {
        const u = new URL(origin);
        ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin.replace(/\/$/, '');
      } catch {
        ok = false;
      }
      if (!ok) problems.push(`${name} must list origins such as https://signage.example.org, got "${origin}"`);
    }
    return list.map((o) => o.replace(/\/$/, ''));
  };
  const adminToken = env.BOARD_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && adminToken.length < 16) {
    problems.push('BOARD_ADMIN_TOKEN must be at least 16 characters (it guards every write)');
  }
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 12) problems.push('ADMIN_PASSWORD must be at least 12 characters');
  const config: AppConfig = {
    adminUsername: env.ADMIN_USERNAME?.trim() || 'admin',
    adminPassword,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: trustedProxies(env.TRUST_PROXY, problems),
    metricsToken: secret('METRICS_TOKEN'),
    frameAncestors: origins('FRAME_ANCESTORS'),
    streamsPerClient: int('STREAMS_PER_CLIENT', 100, 1, 100_000),
    bodyReadsAtOnce: int('BODY_READS_AT_ONCE', 4, 1, 1_000),
    feedAllowPrivate: flag('FEED_ALLOW_PRIVATE', false),
    gtfsFileLimitBytes: int('GTFS_FILE_LIMIT_BYTES', 1024 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024),
    writeQueueLimit: int('WRITE_QUEUE_LIMIT', 5_000, 1, 10_000_000),
    writeMaxLagMs: int('WRITE_MAX_LAG_MS', 500, 50, 60_000),
    loginRateLimit: int('LOGIN_RATE_LIMIT', 5, 1, 10_000),
    writeRateLimit: int('WRITE_RATE_LIMIT', 6000, 1, 1_000_000),
    port: int('PORT', 3000, 0, 65535),
    listenBacklog: int('LISTEN_BACKLOG', 4096, 1, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    adminToken,
    demo: flag('DEMO', true),
    simulator: flag('SIMULATOR', true),
    simulatorIntervalMs: int('SIMULATOR_INTERVAL_MS', 8_000, 100, 3_600_000),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    batchBodyLimitBytes: int('BATCH_BODY_LIMIT_BYTES', 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    heartbeatMs: int('HEARTBEAT_MS', 15_000, 1_000, 300_000),
    departedGraceMinutes: int('DEPARTED_GRACE_MINUTES', 2, 0, 24 * 60),
    eventRetentionHours: int('EVENT_RETENTION_HOURS', 24, 1, 24 * 365),
    eventRetentionMinEvents: int('EVENT_RETENTION_MIN_EVENTS', 10_000, 0, 10_000_000),
    webDir: resolve(__dirname, '../../../web'),
    clock: instant('CLOCK'),
    gtfsServiceDays: int('GTFS_SERVICE_DAYS', 2, 1, 14),
    feedStaleSeconds: int('FEED_STALE_SECONDS', 300, 10, 7 * 24 * 3600),
    feedBodyLimitBytes: int('FEED_BODY_LIMIT_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

/** Hop counts and addresses/subnets Express understands; `on` is refused since it would trust any sender. */
function trustedProxies(raw: string | undefined, problems: string[]): false | number | string[] {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || ['off', 'false', '0', 'no'].includes(value)) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
  }
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const list = value.split(/[\s,]+/).filter(Boolean);
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/;
  if (!['on', 'true', 'yes'].includes(value) && list.every((p) => named.has(p) || address.test(p))) return list;
  problems.push(
    `TRUST_PROXY must be "off", a hop count from 1 to 10, or the proxies' addresses (such as "loopback" or "10.0.0.2, 10.1.0.0/16"), got "${raw}"; "on" would trust any client's X-Forwarded-For`,
  );
  return false;
}

/** Nest injection token for the `AppConfig` object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
