/**
 * A non-modal panel beside the room: a `complementary` landmark named by its
 * heading, with a close button. It takes the focus on its heading when it
 * opens (so a screen reader says where it is), Esc pressed inside it closes
 * it, and on close the focus goes back to what opened it. The conversation
 * beside it stays usable: nothing is trapped or dimmed.
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { CloseIcon } from './icons';
import { activeHtmlElement, restoreFocus } from './useFocusTrap';

interface AsidePanelProps {
  title: string;
  /** A line under the title (e.g. the digital human it is about). */
  subtitle?: string;
  onClose(): void;
  /** Where the focus goes back on close; by default what had it when the panel opened. */
  opener?: HTMLElement | null;
  testId: string;
  className?: string;
  children: ReactNode;
}

export function AsidePanel({ title, subtitle, onClose, opener, testId, className, children }: AsidePanelProps): ReactNode {
  const t = useT();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Captured once, so StrictMode's replayed effect does not record the panel's own heading.
  const previous = useRef<HTMLElement | null | undefined>(undefined);

  useEffect(() => {
    if (previous.current === undefined) previous.current = opener ?? activeHtmlElement();
    const back = previous.current;
    heading.current?.focus();
    return () => restoreFocus(back);
    // Only on open and close: a new opener while open changes nothing.
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    // Keys from a dialog opened by the panel reach here through its portal: those are the dialog's.
    if (event.key !== 'Escape' || event.defaultPrevented || !event.currentTarget.contains(event.target as Node)) return;
    event.preventDefault();
    onClose();
  }

  return (
    <aside className={`side-panel side-panel--view${className ? ` ${className}` : ''}`} aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid={testId}>
      <header className="side-panel__header">
        <div className="side-panel__heading">
          <h2 id={titleId} ref={heading} className="side-panel__title" tabIndex={-1}>
            {title}
          </h2>
          {subtitle ? <p className="side-panel__subtitle">{subtitle}</p> : null}
        </div>
        <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={onClose} data-testid={`${testId}-close`} aria-keyshortcuts="Escape">
          <CloseIcon />
        </button>
      </header>
      <div className="side-panel__body">{children}</div>
    </aside>
  );
}
