import type { PatchDepartureBody } from '#shared/api';
import type { Departure, Station } from '#shared/board';
import { patchDeparture } from '../api';
import { now } from '../now.svelte';
import { clockAfter } from './station-time';
import type { Submission } from './submission.svelte';

/**
 * The changes the console makes to one departure, and the "hold until" the operator set for them.
 * Every change is sent with that hold, so the operator sets it once rather than per form.
 */
export class DepartureActions {
  /** `HH:MM` at the station; empty: the hold keeps the end it has (none: until handed back). */
  holdClock = $state('');
  #target: () => { station: Station; departure: Departure; mayHold: boolean };

  constructor(target: () => { station: Station; departure: Departure; mayHold: boolean }) {
    this.#target = target;
  }

  /** The instant the hold will end, as the API wants it; `undefined` when the operator set none. */
  get holdUntil(): string | undefined {
    const { station, mayHold } = this.#target();
    if (!mayHold || !this.holdClock) return undefined;
    return clockAfter(this.holdClock, station.timezone, now.exact())?.toISOString();
  }

  /** Sends `patch` (with the hold) through `submission`; resolves to the row as changed, or `undefined`. */
  send(submission: Submission, patch: PatchDepartureBody, message: string): Promise<Departure | undefined> {
    const { station, departure } = this.#target();
    const holdUntil = this.holdUntil;
    const body = holdUntil !== undefined && !patch.releaseOverride ? { ...patch, overrideUntil: holdUntil } : patch;
    return submission.run((auth) => patchDeparture(auth, station.id, departure.id, body), message);
  }
}
