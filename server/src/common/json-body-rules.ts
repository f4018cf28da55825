/**
 * What a JSON request body may look like before the API reads it, checked without recursion so a
 * hostile body cannot overflow the stack (the validation pipe and the idempotency fingerprint recurse).
 */

/**
 * Deepest nesting of objects and arrays a body may have. The deepest body the API takes is a batch
 * (`{updates: [{departure: {via: [...]}}]}`: 5 levels); 32 leaves room without inviting abuse.
 */
export const MAX_JSON_DEPTH = 32;

/** Keys that would reach an object's prototype (or look like they do) in code that copies bodies. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The nesting depth of UTF-8 JSON text, or `null` as soon as it exceeds `max`. Structural bytes are
 * ASCII and never occur inside a multi-byte UTF-8 sequence, so scanning bytes is exact; strings are
 * skipped with `indexOf` (an escaped quote has an odd run of backslashes before it).
 */
export function jsonDepth(bytes: Uint8Array, max: number = MAX_JSON_DEPTH): number | null {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = closingQuote(bytes, i);
      if (i < 0) return deepest;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth > max) return null;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** Index of the quote that ends the string opening at `open`; -1 when it is never closed (JSON.parse reports that). */
function closingQuote(bytes: Uint8Array, open: number): number {
  let at = open;
  for (;;) {
    at = bytes.indexOf(QUOTE, at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * The path (`updates.0.patch.constructor`, the validation errors' form) of a prototype key anywhere
 * in a parsed body, or `null`. Iterative (the body's depth is already bounded); a path is only built
 * for the key found, since batches hold thousands of objects.
 */
export function prototypeKeyPath(value: unknown): string | null {
  const pending: Visit[] = [{ node: value, key: '', parent: null }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const node = visit.node;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) if (typeof node[i] === 'object') pending.push({ node: node[i], key: String(i), parent: visit });
      continue;
    }
    // JSON.parse makes `__proto__` an own property, so `for…in` sees it (and JSON objects have nothing inherited).
    for (const key in node) {
      if (PROTOTYPE_KEYS.has(key)) return pathOf({ node: null, key, parent: visit });
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object') pending.push({ node: child, key, parent: visit });
    }
  }
  return null;
}

interface Visit {
  node: unknown;
  key: string;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}
