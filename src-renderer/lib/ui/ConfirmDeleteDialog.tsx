/**
 * Asks before deleting something that has a text (a message, a memory):
 * shows the start of the text, runs the deletion, and stays open with the
 * reason when it fails. Test ids: `<testId>-dialog`, `-error`, `-confirm`.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { errorMessage } from '../errorMessage';
import { useT } from '../i18n/I18nProvider';
import { Dialog, DialogFooter } from './Dialog';
import { FormError } from './TextField';

interface ConfirmDeleteDialogProps {
  title: string;
  description: string;
  /** The text of what goes (shown cut at 280 characters). */
  text: string;
  confirmLabel: string;
  testId: string;
  onConfirm(): Promise<unknown>;
  onClose(): void;
}

const PREVIEW_CHARS = 280;

export function ConfirmDeleteDialog(props: ConfirmDeleteDialogProps): ReactNode {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm(): Promise<void> {
    setBusy(true);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.title} description={props.description} onClose={props.onClose} testId={`${props.testId}-dialog`} size="small" tone="danger">
      <blockquote className="delete-preview">{props.text.length > PREVIEW_CHARS ? `${props.text.slice(0, PREVIEW_CHARS)}…` : props.text}</blockquote>
      {error ? <FormError message={error} testId={`${props.testId}-error`} /> : null}
      <DialogFooter>
        <button type="button" className="button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} data-autofocus data-testid={`${props.testId}-confirm`}>
          {props.confirmLabel}
        </button>
      </DialogFooter>
    </Dialog>
  );
}
