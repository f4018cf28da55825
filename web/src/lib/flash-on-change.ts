import type { Attachment } from 'svelte/attachments';

const seen = new WeakMap<Element, unknown>();

/**
 * Replays the element's `changed` CSS animation whenever `key` (a row's `version`) differs from
 * the one it last showed, so a passenger's eye is drawn to the row that just changed. The first
 * render does not flash: a screen that just loaded has nothing "new" to point at.
 */
export function flashOnChange(key: unknown): Attachment<HTMLElement> {
  return (element) => {
    const hadKey = seen.has(element);
    const previous = seen.get(element);
    seen.set(element, key);
    if (!hadKey || previous === key) return;
    element.classList.remove('changed');
    // Reading layout commits the removal, so re-adding the class starts the animation afresh.
    void element.offsetWidth;
    element.classList.add('changed');
  };
}
