/**
 * Rename a workspace; the new name is checked by the core and its refusal
 * shown under the field.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { TextField } from '../../lib/ui/TextField';

interface RenameWorkspaceDialogProps {
  workspace: Workspace;
  onRename(id: string, name: string): Promise<void>;
  onClose(): void;
}

export function RenameWorkspaceDialog({ workspace, onRename, onClose }: RenameWorkspaceDialogProps): ReactNode {
  const t = useT();
  const [name, setName] = useState(workspace.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (name === workspace.name) {
      onClose();
      return;
    }
    if (name.trim() === '') {
      setError(t('workspace.field.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onRename(workspace.id, name);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('workspace.rename.title')} onClose={onClose} testId="rename-workspace-dialog" size="small">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('workspace.field.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onFocus={(e) => e.currentTarget.select()}
          error={error}
          testId="rename-workspace-name"
          autoComplete="off"
          spellCheck={false}
        />
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="rename-workspace-submit">
            {t('workspace.rename.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
