import { ApiRequestError, type Credentials } from '../api';
import { session } from './session.svelte';

/** A list the console reads from the API (users, tokens), re-read after each change. */
export class Resource<T> {
  value = $state.raw<T | null>(null);
  error = $state.raw<ApiRequestError | null>(null);
  loading = $state(false);
  #load: (auth: Credentials) => Promise<T>;

  constructor(load: (auth: Credentials) => Promise<T>) {
    this.#load = load;
  }

  async reload(): Promise<void> {
    this.loading = true;
    try {
      this.value = await this.#load(session.credentials);
      this.error = null;
    } catch (error) {
      this.error =
        error instanceof ApiRequestError ? error : new ApiRequestError({ statusCode: 0, error: 'client_error', message: String(error) });
      session.refused(this.error);
    } finally {
      this.loading = false;
    }
  }
}
