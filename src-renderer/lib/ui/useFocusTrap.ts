/**
 * Focus management for modal surfaces: focuses the first field (or the
 * element marked `data-autofocus`) on open, keeps Tab and Shift+Tab inside
 * the container, and gives focus back to what had it before on close.
 */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Focusable descendants of `container`, in tab order of the document. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('[inert]') && el.getClientRects().length > 0,
  );
}

/** Moves focus into `ref` when mounted and restores it on unmount. */
export function useInitialFocus(ref: RefObject<HTMLElement | null>): void {
  // Captured once, so StrictMode's replayed effect does not record the dialog's own field.
  const previousRef = useRef<HTMLElement | null | undefined>(undefined);
  useEffect(() => {
    if (previousRef.current === undefined) previousRef.current = activeHtmlElement();
    const previous = previousRef.current;
    const container = ref.current;
    if (container) {
      const preferred = container.querySelector<HTMLElement>('[data-autofocus]');
      const target = preferred ?? focusableIn(container).find((el) => el.matches('input, select, textarea')) ?? focusableIn(container)[0] ?? container;
      target.focus();
    }
    return () => restoreFocus(previous);
  }, [ref]);
}

/** The focused element, when it is an HTML element. */
export function activeHtmlElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

/**
 * Gives focus back to `previous` when a surface closes, unless focus already
 * went somewhere on purpose. Runs synchronously in the effect cleanup: React
 * runs every cleanup before the next surface's mount effects, so a dialog
 * opened from a menu remembers the menu's trigger, not the vanished menu item.
 */
export function restoreFocus(previous: HTMLElement | null): void {
  const active = document.activeElement;
  const lost = active === null || active === document.body || !active.isConnected;
  if (lost && previous?.isConnected) previous.focus();
}

/**
 * Wraps Tab / Shift+Tab around the container's focusable elements, and pulls
 * focus back in when it was lost (e.g. the focused button was removed).
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement): void {
  const items = focusableIn(container);
  const first = items[0];
  const last = items.at(-1);
  const inside = container.contains(document.activeElement);
  if (!first || !last) {
    event.preventDefault();
    container.focus();
  } else if (!inside) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
