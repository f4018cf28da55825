import type { PatchDepartureBody } from '#shared/api';
import type { Departure, Station } from '#shared/board';
import { patchDepartures } from './batch-api';
import { currentDelay, rowName } from './departure-facts';
import { Submission } from './submission.svelte';

/** How long the undo toast stays: long enough to read and press Ctrl+Z, short enough not to linger. */
export const TOAST_MS = 6000;

/** The outcome of the last action, and whether the rows still are as it says. */
interface Outcome {
  ids: string[];
  message: string;
  holds: (d: Departure) => boolean;
}

/**
 * The table's actions on one or more rows. Each is one `POST /api/updates` for all its rows (one
 * change, one undo). Its message stays only while it still describes the rows: after an undo, or
 * someone else's change, "3 departures cancelled" is no longer true and goes.
 */
export class TableActions {
  readonly submission = new Submission();
  #outcome = $state.raw<Outcome | null>(null);
  /** A batch the server took only in part: which rows it refused, and why. */
  #partial = $state<string | null>(null);
  readonly #context: () => { station: Station; departures: readonly Departure[] };
  /** Which write the toast offers to undo; a later write replaces it, and its timer then closes nothing. */
  #toastWrite = $state(0);
  #toastOpen = $state(false);

  constructor(context: () => { station: Station; departures: readonly Departure[] }) {
    this.#context = context;
  }

  /** The message to show: the failure, or the success while it is still true of every row. */
  readonly message = $derived.by((): { text: string; failed: boolean } | null => {
    if (this.submission.pending) return { text: 'Sending…', failed: false };
    if (this.submission.error) return { text: this.submission.error.message, failed: true };
    if (this.#partial) return { text: this.#partial, failed: true };
    const outcome = this.#outcome;
    if (!outcome) return null;
    const rows = this.#context().departures.filter((d) => outcome.ids.includes(d.id));
    return rows.length === outcome.ids.length && rows.every(outcome.holds) ? { text: outcome.message, failed: false } : null;
  });

  /**
   * The undo toast's text: the last write's message for a few seconds after it landed, while it
   * still describes the rows (an undo, or someone else's change, takes it away sooner).
   */
  readonly toast = $derived(this.#toastOpen && this.message && !this.message.failed ? this.message.text : null);

  /** Closes the toast (once its write is undone, or the operator dismissed it). */
  closeToast(): void {
    this.#toastOpen = false;
  }

  addDelay(rows: readonly Departure[], step: number): Promise<void> {
    const expected = Object.fromEntries(rows.map((d) => [d.id, currentDelay(d) + step]));
    return this.#send(rows, { addDelayMinutes: step }, `+${step} min`, (d) => currentDelay(d) === expected[d.id]);
  }

  setDelay(rows: readonly Departure[], minutes: number): Promise<void> {
    return this.#send(rows, { delayMinutes: minutes }, `delay ${minutes} min`, (d) => currentDelay(d) === minutes);
  }

  setPlatform(rows: readonly Departure[], platform: string): Promise<void> {
    const value = platform.trim() || null;
    return this.#send(
      rows,
      { platform: value },
      `platform ${value ?? 'as timetabled'}`,
      (d) => d.platform === (value ?? d.scheduledPlatform),
    );
  }

  /** `translations`: the reason in other languages (a template's), sent as the rows' `textTranslations`. */
  cancel(rows: readonly Departure[], reason: string, translations: Record<string, string> | null = null): Promise<void> {
    const cancelReason = reason.trim() || null;
    const textTranslations = cancelReason && translations ? { [cancelReason]: translations } : undefined;
    return this.#send(rows, { cancelled: true, cancelReason, textTranslations }, 'cancelled', (d) => d.status === 'cancelled');
  }

  reinstate(rows: readonly Departure[]): Promise<void> {
    return this.#send(rows, { cancelled: false, cancelReason: null }, 'reinstated', (d) => d.status !== 'cancelled');
  }

  async #send(rows: readonly Departure[], patch: PatchDepartureBody, what: string, holds: Outcome['holds']): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((d) => d.id);
    const { station } = this.#context();
    const named = rows.length === 1 ? rowName(rows[0]) : `${rows.length} departures`;
    this.#outcome = null;
    this.#partial = null;
    const report = await this.submission.run((auth) => patchDepartures(auth, station.id, ids, patch), `${named}: ${what}.`);
    if (!report) return;
    if (report.rejected > 0) {
      const reasons = report.results.flatMap((r) => (r.error ? [`${rows[r.index]?.line ?? '?'}: ${r.error.message}`] : []));
      this.#partial = `${report.applied} changed, ${report.rejected} refused (${reasons.join('; ')}).`;
      return;
    }
    this.#outcome = { ids, message: `${named}: ${what}.`, holds };
    this.#openToast();
  }

  #openToast(): void {
    const write = ++this.#toastWrite;
    this.#toastOpen = true;
    setTimeout(() => write === this.#toastWrite && (this.#toastOpen = false), TOAST_MS);
  }
}
