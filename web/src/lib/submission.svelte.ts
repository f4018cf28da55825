import type { FieldError } from '#shared/api';
import { ApiRequestError } from './api';
import { token } from './token.svelte';

/**
 * The state of one admin form's request: pending, the last outcome, and the API's per-field
 * errors so each can be shown beside its input. A 401 is reported on the token field instead.
 */
export class Submission {
  pending = $state(false);
  success = $state<string | null>(null);
  error = $state.raw<ApiRequestError | null>(null);

  /** Runs a request with the current token; never throws, the outcome lands in this object. */
  async run(request: (token: string) => Promise<unknown>, successMessage: string): Promise<boolean> {
    this.pending = true;
    this.success = null;
    this.error = null;
    try {
      await request(token.value);
      this.success = successMessage;
      return true;
    } catch (error) {
      this.error =
        error instanceof ApiRequestError
          ? error
          : new ApiRequestError({ statusCode: 0, error: 'client_error', message: String(error) });
      if (this.error.statusCode === 401) token.rejected = true;
      return false;
    } finally {
      this.pending = false;
    }
  }

  /**
   * Messages for one input: its own path and any nested ones, so `remarks` also collects
   * `remarks.2`, labelled by position (`Line 3: …`) since the operator sees lines, not indexes.
   */
  fieldError(field: string, itemLabel = 'Item'): string | null {
    const messages = this.#fields().flatMap((f) => {
      const index = itemIndex(f.field, field);
      if (index === undefined) return [];
      return [index === null ? f.message : `${itemLabel} ${index + 1}: ${f.message}`];
    });
    return messages.length ? messages.join(' ') : null;
  }

  /** Field errors that no input on the form shows, so they still reach the operator. */
  otherFieldErrors(shown: string[]): FieldError[] {
    return this.#fields().filter((f) => shown.every((s) => itemIndex(f.field, s) === undefined));
  }

  #fields(): FieldError[] {
    return this.error?.statusCode === 400 ? this.error.fields : [];
  }
}

/** `null` when `path` is `field` itself, the index when it is `field.<n>…`, `undefined` otherwise. */
function itemIndex(path: string, field: string): number | null | undefined {
  if (path === field) return null;
  if (!path.startsWith(`${field}.`)) return undefined;
  const index = /^(\d+)(\.|$)/.exec(path.slice(field.length + 1));
  return index ? Number(index[1]) : undefined;
}
