import { HttpStatus } from '@nestjs/common';
import { ApiException, invalidField } from './api-exception';

/**
 * The version an `If-Match` header asks for (`"3"` or `W/"3"`), `undefined` without the header
 * or for `*` (any version). Each departure's `ETag` is its version in quotes.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!match) throw invalidField('If-Match', 'If-Match must be the ETag of the departure, like "3"');
  return Number(match[1]);
}

/** Someone changed the row since the client read it: the client must reload before writing. */
export function checkVersion(what: string, id: string, current: number, expected: number | undefined): void {
  if (expected === undefined || expected === current) return;
  throw new ApiException(
    HttpStatus.PRECONDITION_FAILED,
    'precondition_failed',
    `${what} "${id}" was changed by someone else (it is now at version ${current}, not ${expected}); reload it and try again`,
  );
}
