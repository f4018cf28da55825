import { CHANGE_KINDS, type ChangeTarget, type ChangeType } from '#shared/board-event';

/**
 * How the console names each kind of row and what a change does to one. A kind of change is
 * named from the rows it touches and whether it sets or removes one (`CHANGE_KINDS`), so a new
 * kind needs no words of its own here; a new kind of row is refused by the compiler until named.
 */
const ROW_WORDS = {
  departures: { noun: 'departure', created: 'added', changed: 'changed', removed: 'removed' },
  alerts: { noun: 'alert', created: 'posted', changed: 'changed', removed: 'cleared' },
} satisfies Record<ChangeTarget['rows'], { noun: string; created: string; changed: string; removed: string }>;

/** `departure added or changed`, `alert cleared`: a kind of change, as the audit filter lists it. */
export function changeTypeLabel(type: ChangeType): string {
  const { rows, sets } = CHANGE_KINDS[type];
  const words = ROW_WORDS[rows];
  return sets ? `${words.noun} ${words.created} or ${words.changed}` : `${words.noun} ${words.removed}`;
}

/** `departure added`, `alert changed`, `alert cleared`: one change, knowing whether its row existed before. */
export function changeLabel(type: ChangeType, created: boolean): string {
  const { rows, sets } = CHANGE_KINDS[type];
  const words = ROW_WORDS[rows];
  return `${words.noun} ${sets ? (created ? words.created : words.changed) : words.removed}`;
}
