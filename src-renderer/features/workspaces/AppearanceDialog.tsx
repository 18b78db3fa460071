/**
 * Colour and icon of a workspace, with a preview of the tile as it will
 * look on the rail.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { FormError } from '../../lib/ui/TextField';
import { ColorPalette } from './ColorPalette';
import { IconPicker } from './IconPicker';
import { WorkspaceAvatar } from './WorkspaceAvatar';
import { workspaceInitials } from './workspaceInitials';

interface AppearanceDialogProps {
  workspace: Workspace;
  onSave(id: string, color: string, icon: string | null): Promise<void>;
  onClose(): void;
}

export function AppearanceDialog({ workspace, onSave, onClose }: AppearanceDialogProps): ReactNode {
  const t = useT();
  const [color, setColor] = useState(workspace.color.toLowerCase());
  const [icon, setIcon] = useState<string | null>(workspace.icon);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(workspace.id, color, icon);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('workspace.appearance.title')} onClose={onClose} testId="appearance-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="appearance-preview" aria-label={t('workspace.appearance.preview')} role="img">
          <WorkspaceAvatar name={workspace.name} color={color} icon={icon} size="huge" />
          <span className="appearance-preview__name">{workspace.name}</span>
        </div>
        <ColorPalette value={color} onChange={setColor} testIdPrefix="appearance-color" />
        <IconPicker value={icon} initials={workspaceInitials(workspace.name)} onChange={setIcon} />
        {error ? <FormError message={error} testId="appearance-error" /> : null}
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="appearance-submit">
            {t('workspace.appearance.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
