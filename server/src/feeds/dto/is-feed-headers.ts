import { registerDecorator } from 'class-validator';

/** An agency needs a key header or two; more is a mistake, or an attempt to smuggle a request. */
export const MAX_FEED_HEADERS = 10;
const MAX_VALUE = 2048;
/** An HTTP token (RFC 9110), at a sane length. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
/** Visible ASCII and inner spaces: no CR or LF, so a value cannot start another header. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
/** Headers the poller owns: framing, the connection, and the conditional request. */
const RESERVED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'accept-encoding',
  'if-none-match',
  'if-modified-since',
  'expect',
]);

/** Why `value` is not a feed's set of request headers; `null` when it is. */
export function feedHeadersProblem(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'headers must be an object of header names to values, or null';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_FEED_HEADERS) return `headers may set at most ${MAX_FEED_HEADERS} headers`;
  const seen = new Set<string>();
  for (const [name, text] of entries) {
    if (!HEADER_NAME.test(name)) return `headers: "${name.slice(0, 64)}" is not a header name (letters, digits and - _ . !, at most 64)`;
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) return `headers: ${name} is set by the server itself`;
    if (seen.has(lower)) return `headers: ${name} is given twice`;
    seen.add(lower);
    if (typeof text !== 'string' || text.length > MAX_VALUE || !HEADER_VALUE.test(text)) {
      return `headers: the value of ${name} must be 1 to ${MAX_VALUE} visible ASCII characters (no line breaks)`;
    }
  }
  return null;
}

/** Request headers for the poller: names and values an HTTP request can carry, as few as a feed needs. */
export function IsFeedHeaders(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFeedHeaders',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => feedHeadersProblem(args.value) ?? 'headers are invalid' },
      validator: { validate: (value: unknown) => feedHeadersProblem(value) === null },
    });
}
