/**
 * Deleting a workspace is permanent, so the user types its exact name; the
 * button stays disabled until it matches, and the core checks it again.
 * An owner of a linked workspace may also erase it from its relay, for
 * everyone (`workspace.eraseFromRelay`, before the local delete: if the
 * relay refuses or cannot be reached, nothing is deleted).
 */
import { useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { WarningIcon } from '../../lib/ui/icons';
import { TextField } from '../../lib/ui/TextField';

interface DeleteWorkspaceDialogProps {
  workspace: Workspace;
  onDelete(id: string, confirmName: string): Promise<void>;
  onClose(): void;
}

export function DeleteWorkspaceDialog({ workspace, onDelete, onClose }: DeleteWorkspaceDialogProps): ReactNode {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Null while the workspace's sync status is read: whether the relay can be offered is not known yet.
  const [relayOwner, setRelayOwner] = useState<boolean | null>(null);
  const [eraseFromRelay, setEraseFromRelay] = useState(false);
  const matches = typed === workspace.name;

  useEffect(() => {
    let live = true;
    api.invoke('sync.status', {}).then(
      (all) => {
        const status = all.find((s) => s.workspaceId === workspace.id);
        if (live) setRelayOwner(status?.relayUrl != null && status.role === 'owner' && status.reasonCode !== 'removed');
      },
      (err: unknown) => {
        if (!live) return;
        setRelayOwner(false);
        setError(errorMessage(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [workspace.id, t]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || !matches) return;
    setBusy(true);
    setError(null);
    try {
      if (relayOwner === true && eraseFromRelay) await api.invoke('workspace.eraseFromRelay', { id: workspace.id, confirmName: typed });
      await onDelete(workspace.id, typed);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('workspace.delete.title', { name: workspace.name })}
      onClose={onClose}
      testId="delete-workspace-dialog"
      size="small"
      tone="danger"
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={relayOwner === null || undefined}>
        <div className="callout callout--danger">
          <WarningIcon className="callout__icon" />
          <p>{t('workspace.delete.warning')}</p>
        </div>
        {relayOwner === true ? (
          <label className="switch-row">
            <input type="checkbox" className="switch" checked={eraseFromRelay} onChange={(e) => setEraseFromRelay(e.target.checked)} disabled={busy} data-testid="delete-workspace-relay" />
            <span>
              <span className="switch-row__title">{t('workspace.delete.relay')}</span>
              <span className="switch-row__hint">{t('workspace.delete.relayHint')}</span>
            </span>
          </label>
        ) : null}
        <TextField
          label={
            <>
              {t('workspace.delete.confirmLabel')} <strong className="confirm-name">{workspace.name}</strong>
            </>
          }
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={error}
          testId="delete-workspace-confirm"
          autoComplete="off"
          spellCheck={false}
        />
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={!matches || busy} data-testid="delete-workspace-submit">
            {t('workspace.delete.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
