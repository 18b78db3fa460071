/** Confirms deleting a document of the knowledge base (on every device of the workspace). */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { KnowledgeDocument } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { FormError } from '../../lib/ui/TextField';

interface DeleteDocumentDialogProps {
  workspaceId: string;
  document: KnowledgeDocument;
  onDeleted(document: KnowledgeDocument): void;
  onClose(): void;
}

export function DeleteDocumentDialog({ workspaceId, document, onDeleted, onClose }: DeleteDocumentDialogProps): ReactNode {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove(): Promise<void> {
    setBusy(true);
    try {
      await api.invoke('knowledge.delete', { workspaceId, documentId: document.id });
      onDeleted(document);
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('knowledge.delete.title', { title: document.title })} onClose={onClose} testId="delete-document-dialog" size="small" tone="danger">
      <div className="form">
        <div className="callout callout--danger">
          <p>{t('knowledge.delete.warning')}</p>
        </div>
        {error ? <FormError message={error} testId="delete-document-error" /> : null}
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()} data-testid="delete-document-confirm">
            {t('knowledge.delete.submit')}
          </button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
