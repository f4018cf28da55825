import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isPrivateAddress, targetProblem } from './feed-target';

/** One pull of a feed URL. */
export interface FeedRequest {
  url: string;
  /** The feed's own headers (an API key): sent to the feed's origin only, never after a redirect elsewhere. */
  secretHeaders: Record<string, string>;
  /** Conditional and content headers, sent on every hop. */
  headers: Record<string, string>;
  allowPrivate: boolean;
  limitBytes: number;
  timeoutMs: number;
}

export interface FeedResponse {
  status: number;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
}

/**
 * A pull that failed, with a message fit for the feed's health: a status code or what was refused,
 * never the network's detail (a refused port and a closed one look alike, so URLs cannot map a network).
 */
export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
}

/** Thrown by the lookup, so the refusal comes after DNS: a public name can resolve to a private address. */
class PrivateTargetError extends Error {}

const MAX_REDIRECTS = 5;
const PRIVATE_REFUSED =
  'refused: the host is a loopback, link-local or private address, which the server does not fetch (FEED_ALLOW_PRIVATE=on allows it)';

/**
 * GETs a feed URL with the server's rules: no private targets unless allowed (checked on the
 * literal URL, on every resolved address, and on every redirect hop), the body decoded and capped
 * at `limitBytes` while it streams, one deadline for the whole pull.
 */
export async function fetchFeed(request: FeedRequest): Promise<FeedResponse> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  const origin = new URL(request.url).origin;
  let url = new URL(request.url);
  try {
    for (let hop = 0; ; hop++) {
      if (!request.allowPrivate && targetProblem(url.href) !== null) throw new FeedFetchError(PRIVATE_REFUSED);
      const headers = url.origin === origin ? { ...request.headers, ...request.secretHeaders } : request.headers;
      const response = await get(url, headers, request.allowPrivate, signal);
      const location = response.headers.location;
      if (response.statusCode !== undefined && [301, 302, 303, 307, 308].includes(response.statusCode) && location) {
        response.resume();
        if (hop === MAX_REDIRECTS) throw new FeedFetchError(`redirected more than ${MAX_REDIRECTS} times`);
        url = new URL(location, url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFetchError('redirected to a URL that is not http(s)');
        continue;
      }
      const status = response.statusCode ?? 0;
      if (status === 304) {
        response.resume();
        return { status, body: Buffer.alloc(0), etag: null, lastModified: null };
      }
      if (status < 200 || status > 299) {
        response.resume();
        throw new FeedFetchError(`answered HTTP ${status}`);
      }
      return {
        status,
        body: await readBody(response, request.limitBytes),
        etag: header(response, 'etag'),
        lastModified: header(response, 'last-modified'),
      };
    }
  } catch (error) {
    throw asFetchError(error, request.timeoutMs);
  }
}

function get(url: URL, headers: Record<string, string>, allowPrivate: boolean, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        headers: { ...headers, 'accept-encoding': 'gzip, deflate, br' },
        signal,
        lookup: allowPrivate ? undefined : publicLookup,
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** `dns.lookup` that refuses a name with any private address among its answers. */
function publicLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) return callback(new PrivateTargetError(), []);
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
}

/** The body, inflated as it streams; over `limit` (declared or counted after inflating) is refused at once. */
async function readBody(response: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = (header(response, 'content-encoding') ?? 'identity').trim().toLowerCase();
  const declared = Number(header(response, 'content-length') ?? 0);
  const limitError = () => new FeedFetchError(`sent more than ${limit} bytes, over FEED_BODY_LIMIT_BYTES`);
  if (declared > limit && encoding === 'identity') {
    response.destroy();
    throw limitError();
  }
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (decoder === null && encoding !== 'identity') {
    response.destroy();
    throw new FeedFetchError(`sent a body in an encoding the server does not read (${encoding.slice(0, 20)})`);
  }
  const stream: Readable = decoder ? pipeline(response, decoder, () => undefined) : response;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limit) throw limitError();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.destroy();
    if (error instanceof FeedFetchError || (error as Error).name === 'AbortError') throw error;
    throw new FeedFetchError(decoder ? `sent a body that is not valid ${encoding}` : 'the connection broke while the body was read');
  }
  return Buffer.concat(chunks);
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' ? value : null;
}

/** What the health may say about a failure: ours, a timeout, or a connection that failed (no more). */
function asFetchError(error: unknown, timeoutMs: number): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  if (error instanceof PrivateTargetError || (error as { cause?: unknown }).cause instanceof PrivateTargetError)
    return new FeedFetchError(PRIVATE_REFUSED);
  const name = (error as Error).name;
  if (name === 'AbortError' || name === 'TimeoutError')
    return new FeedFetchError(`could not fetch: no answer within ${timeoutMs / 1000} s`);
  return new FeedFetchError('could not fetch: connection failed');
}
