import type { FieldError } from '#shared/api';
import { ApiRequestError, type Credentials } from '../api';
import { session } from './session.svelte';

/**
 * The state of one console form's request: pending, the last outcome, and the API's per-field
 * errors so each can be shown beside its input. Refused credentials end the session instead.
 */
export class Submission {
  pending = $state(false);
  success = $state<string | null>(null);
  error = $state.raw<ApiRequestError | null>(null);

  /**
   * Runs a request with the console's credentials; never throws: the outcome lands in this
   * object, and the answer (or `undefined` on failure) is returned.
   */
  async run<T>(request: (auth: Credentials) => Promise<T>, success: string | ((answer: T) => string)): Promise<T | undefined> {
    this.pending = true;
    this.success = null;
    this.error = null;
    try {
      const answer = await request(session.credentials);
      this.success = typeof success === 'string' ? success : success(answer);
      // `void` answers (204) are `undefined` too; callers that need to know test `succeeded`.
      return answer;
    } catch (error) {
      this.error =
        error instanceof ApiRequestError ? error : new ApiRequestError({ statusCode: 0, error: 'client_error', message: String(error) });
      session.refused(this.error);
      return undefined;
    } finally {
      this.pending = false;
    }
  }

  get succeeded(): boolean {
    return this.success !== null;
  }

  /** Forgets the last outcome, e.g. when the form is edited again. */
  reset(): void {
    this.success = null;
    this.error = null;
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
    // 409s name fields too (a taken username).
    return this.error?.statusCode === 400 || this.error?.statusCode === 409 ? this.error.fields : [];
  }
}

/** `null` when `path` is `field` itself, the index when it is `field.<n>…`, `undefined` otherwise. */
function itemIndex(path: string, field: string): number | null | undefined {
  if (path === field) return null;
  if (!path.startsWith(`${field}.`)) return undefined;
  const index = /^(\d+)(\.|$)/.exec(path.slice(field.length + 1));
  return index ? Number(index[1]) : undefined;
}
