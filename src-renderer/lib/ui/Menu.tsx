/**
 * Popup menu (`role="menu"`) at a screen point: opens with focus on its first
 * item, moves with the arrow keys, Home and End, activates with Enter or
 * Space, and closes on Esc, Tab, a pick or a click elsewhere.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { activeHtmlElement, restoreFocus } from './useFocusTrap';

export interface MenuItem {
  id: string;
  label: string;
  onSelect(): void;
  tone?: 'default' | 'danger';
  /** Draws a divider above this item (e.g. before a destructive action). */
  separated?: boolean;
  /** Makes the item one of a set of choices (`menuitemradio`), this one picked or not. */
  checked?: boolean;
  testId?: string;
}

export interface MenuAnchor {
  x: number;
  y: number;
}

interface MenuProps {
  label: string;
  anchor: MenuAnchor;
  items: MenuItem[];
  onClose(): void;
  testId?: string;
}

const MARGIN = 8;
const ITEM_SELECTOR = '[role="menuitem"], [role="menuitemradio"]';

export function Menu({ label, anchor, items, onClose, testId }: MenuProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(anchor);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPosition({
      x: Math.max(MARGIN, Math.min(anchor.x, window.innerWidth - width - MARGIN)),
      y: Math.max(MARGIN, Math.min(anchor.y, window.innerHeight - height - MARGIN)),
    });
  }, [anchor]);

  // Latest onClose, so the document listeners are installed once per menu.
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  // What had focus before the menu opened (kept across StrictMode's effect replay).
  const previousRef = useRef<HTMLElement | null | undefined>(undefined);

  useEffect(() => {
    if (previousRef.current === undefined) previousRef.current = activeHtmlElement();
    const previous = previousRef.current;
    ref.current?.querySelector<HTMLElement>(ITEM_SELECTOR)?.focus();
    const close = (): void => onCloseRef.current();
    function onPointerDown(event: PointerEvent): void {
      if (!ref.current?.contains(event.target as Node)) close();
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('resize', close);
      restoreFocus(previous);
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>(ITEM_SELECTOR)];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number): void => buttons[(i + buttons.length) % buttons.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(buttons.length - 1);
        break;
      case 'Escape':
      case 'Tab':
        onClose();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={{ left: position.x, top: position.y }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {items.map((item) => [
        item.separated ? <div key={`${item.id}-separator`} role="separator" className="menu__separator" /> : null,
        <button
          key={item.id}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.checked}
          tabIndex={-1}
          className={`menu__item${item.tone === 'danger' ? ' menu__item--danger' : ''}`}
          data-testid={item.testId}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>,
      ])}
    </div>,
    document.body,
  );
}
