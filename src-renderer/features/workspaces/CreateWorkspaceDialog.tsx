/**
 * "Create a workspace": name, kind (team for a client, or solo) and colour,
 * with a live preview of the rail tile. Enter submits, Esc closes; the
 * core's refusal (empty name, too long…) is shown under the name.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ChannelInput, WorkspaceKind } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { TextField } from '../../lib/ui/TextField';
import { ColorPalette } from './ColorPalette';
import { KindChoice } from './KindChoice';
import { WorkspaceAvatar } from './WorkspaceAvatar';
import { suggestColor } from './workspacePalette';

interface CreateWorkspaceDialogProps {
  usedColors: string[];
  onCreate(input: ChannelInput<'workspace.create'>): Promise<unknown>;
  onClose(): void;
}

export function CreateWorkspaceDialog({ usedColors, onCreate, onClose }: CreateWorkspaceDialogProps): ReactNode {
  const t = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<WorkspaceKind>('team');
  const [color, setColor] = useState(() => suggestColor(usedColors));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    // The core checks the name too; catching the obvious case here gives a translated message at once.
    if (name.trim() === '') {
      setError(t('workspace.field.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onCreate({ name, kind, color });
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('workspace.create.title')} description={t('workspace.create.description')} onClose={onClose} testId="create-workspace-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form__row form__row--preview">
          <WorkspaceAvatar name={name.trim() || '?'} color={color} icon={null} size="large" />
          <TextField
            label={t('workspace.field.name')}
            placeholder={t('workspace.field.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={error}
            testId="create-workspace-name"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <KindChoice value={kind} onChange={setKind} />
        <ColorPalette value={color} onChange={setColor} testIdPrefix="create-color" />
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="create-workspace-submit">
            {t('workspace.create.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
