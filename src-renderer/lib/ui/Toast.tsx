/**
 * A short-lived notice at the bottom of the window (`role="status"`, so
 * screen readers announce it), with an optional action such as Undo.
 */
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { CloseIcon } from './icons';

export interface ToastMessage {
  id: number;
  text: string;
  action?: { label: string; run(): void };
}

interface ToastProps {
  toast: ToastMessage | null;
  closeLabel: string;
  onDismiss(): void;
  durationMs?: number;
}

export function Toast({ toast, closeLabel, onDismiss, durationMs = 6000 }: ToastProps): ReactNode {
  useEffect(() => {
    if (!toast) return undefined;
    const timer = setTimeout(onDismiss, durationMs);
    return () => clearTimeout(timer);
  }, [toast, onDismiss, durationMs]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className="toast" key={toast.id} data-testid="toast">
          <span className="toast__text">{toast.text}</span>
          {toast.action ? (
            <button
              type="button"
              className="toast__action"
              data-testid="toast-action"
              onClick={() => {
                toast.action?.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button icon-button--small" aria-label={closeLabel} onClick={onDismiss}>
            <CloseIcon />
          </button>
        </div>
      ) : null}
    </div>
  );
}
