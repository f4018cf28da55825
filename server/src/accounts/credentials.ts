import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a high-entropy secret (token or session cookie): enough, as such secrets cannot be guessed. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** A random secret with a readable prefix, so a leaked token is recognisable (`hw_...`). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}
