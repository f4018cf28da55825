import type { AuditEntry } from '#shared/auth';
import type { Station } from '#shared/board';
import { undoLastChange } from '../api';
import { actionLabel, targetLabel } from './audit-diff';
import { Submission } from './submission.svelte';
import { formatTime } from '../time';

/** "Undo my last change" at one station, shared by its button and the table's `u` key. */
export class Undo {
  readonly submission = new Submission();
  readonly #station: () => Station | null;

  /** `station` is read when the operator undoes: the board may still be loading before. */
  constructor(station: () => Station | null) {
    this.#station = station;
  }

  readonly failure = $derived.by(() => {
    const error = this.submission.error;
    if (!error) return null;
    if (error.code === 'nothing_to_undo') return 'Nothing of yours left to undo at this station.';
    // 409 changed_since: the server names the row; say what to do about it.
    if (error.code === 'changed_since') return `${error.message}. Change it again by hand if needed.`;
    return error.message;
  });

  async run(): Promise<AuditEntry | undefined> {
    const station = this.#station();
    if (!station) return undefined;
    return this.submission.run(
      (auth) => undoLastChange(auth, station.id),
      (answer) => describe(answer, station),
    );
  }
}

/** One change, or (when the server answers the entries of a request that changed several rows) how many. */
function describe(answer: AuditEntry | AuditEntry[], station: Station): string {
  const entries = Array.isArray(answer) ? answer : [answer];
  const [entry] = entries;
  if (!entry) return 'Undone.';
  const made = formatTime(entry.at, station.timezone, true);
  if (entries.length > 1) return `Undone: ${entries.length} changes (made ${made}).`;
  return `Undone: ${actionLabel(entry)}, ${targetLabel(entry, station.timezone)} (made ${made}).`;
}
