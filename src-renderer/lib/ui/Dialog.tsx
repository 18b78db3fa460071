/**
 * Modal dialog: rendered in a portal over a dimmed backdrop, `role="dialog"`
 * with `aria-modal`, labelled by its title, focus trapped inside, closed by
 * Esc, the close button or a click on the backdrop.
 */
import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../i18n/I18nProvider';
import { CloseIcon } from './icons';
import { trapTab, useInitialFocus } from './useFocusTrap';

interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  testId: string;
  size?: 'small' | 'medium' | 'large';
  tone?: 'default' | 'danger';
}

export function Dialog({ title, description, onClose, children, testId, size = 'medium', tone = 'default' }: DialogProps): ReactNode {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useInitialFocus(ref);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  // Listened on the document, not the dialog: when the focused element is
  // removed (a row that was just unarchived), focus falls to <body> and
  // Esc and Tab must still work. Only the topmost modal reacts.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const dialog = ref.current;
      const modals = document.querySelectorAll('[aria-modal="true"]');
      if (!dialog || modals[modals.length - 1] !== dialog || event.defaultPrevented) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        onCloseRef.current();
      } else if (event.key === 'Tab') {
        trapTab(event, dialog);
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  function onBackdropMouseDown(event: MouseEvent<HTMLDivElement>): void {
    if (event.target === event.currentTarget) onClose();
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={onBackdropMouseDown}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        className={`dialog dialog--${size} dialog--${tone}`}
        data-testid={testId}
        tabIndex={-1}
      >
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose} data-testid={`${testId}-close`}>
            <CloseIcon />
          </button>
        </header>
        {description ? (
          <div id={descriptionId} className="dialog__description">
            {description}
          </div>
        ) : null}
        <div className="dialog__body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}

interface DialogFooterProps {
  children: ReactNode;
}

/** The row of buttons at the bottom of a dialog, primary action last. */
export function DialogFooter({ children }: DialogFooterProps): ReactNode {
  return <div className="dialog__footer">{children}</div>;
}
