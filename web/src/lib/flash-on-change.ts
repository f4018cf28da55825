import type { Attachment } from 'svelte/attachments';

const seen = new WeakMap<Element, unknown>();

/**
 * Replays the highlight styled in global.css (`.flash-on-change[data-changed]`) whenever `key`
 * (a row's `version`) differs from the one the element last showed, so a passenger's eye is drawn
 * to the row that just changed. The first render does not flash: a screen that just loaded has
 * nothing "new" to point at.
 */
export function flashOnChange(key: unknown): Attachment<HTMLElement> {
  return (element) => {
    const hadKey = seen.has(element);
    const previous = seen.get(element);
    seen.set(element, key);
    if (!hadKey || previous === key) return;
    // An attribute, not a class: Svelte rewrites `className` when the row's status changes, which
    // is exactly when the highlight matters most (a cancellation). Its value alternates between
    // two identical animations, and a new animation name restarts the highlight without forcing
    // a layout first: at a hundred changes a second those layouts are what would cost frames.
    element.setAttribute('data-changed', element.getAttribute('data-changed') === 'a' ? 'b' : 'a');
    element.addEventListener('animationend', settle);
  };
}

/** Once the highlight has faded, nothing is left animating (or holding a compositor layer). */
function settle(event: AnimationEvent): void {
  const element = event.currentTarget as HTMLElement;
  if (!event.animationName.startsWith('flash-on-change')) return;
  element.removeAttribute('data-changed');
  element.removeEventListener('animationend', settle);
}
