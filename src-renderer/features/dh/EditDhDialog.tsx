/**
 * Edit a digital human's profile; archive or restore it; start deleting it.
 * Only the fields that changed are sent, so a teammate's edit of another
 * field at the same time stays.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ChannelInput, DigitalHuman } from '../../../src-main/common/contract';
import { ApiError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { DhProfileFields, type DhDraft } from './DhProfileFields';

interface EditDhDialogProps {
  workspaceId: string;
  dh: DigitalHuman;
  onSaved(dh: DigitalHuman): void;
  onDelete(dh: DigitalHuman): void;
  onClose(): void;
}

function draftOf(dh: DigitalHuman): DhDraft {
  return { name: dh.name, handle: dh.handle, title: dh.title, persona: dh.persona, color: dh.color, model: dh.model ?? '', tools: [...dh.tools], memoryEnabled: dh.memoryEnabled };
}

/** The fields of `draft` that differ from `dh`. */
function changes(dh: DigitalHuman, draft: DhDraft): Omit<ChannelInput<'dh.update'>, 'workspaceId' | 'dhId'> {
  const out: Omit<ChannelInput<'dh.update'>, 'workspaceId' | 'dhId'> = {};
  if (draft.name !== dh.name) out.name = draft.name;
  if (draft.handle.trim().replace(/^@/, '').toLowerCase() !== dh.handle) out.handle = draft.handle;
  if (draft.title !== dh.title) out.title = draft.title;
  if (draft.persona !== dh.persona) out.persona = draft.persona;
  if (draft.color !== dh.color) out.color = draft.color;
  if ((draft.model.trim() || null) !== dh.model) out.model = draft.model.trim() || null;
  if (draft.tools.length !== dh.tools.length || draft.tools.some((x) => !dh.tools.includes(x))) out.tools = draft.tools;
  if (draft.memoryEnabled !== dh.memoryEnabled) out.memoryEnabled = draft.memoryEnabled;
  return out;
}

export function EditDhDialog({ workspaceId, dh, onSaved, onDelete, onClose }: EditDhDialogProps): ReactNode {
  const t = useT();
  const [draft, setDraft] = useState<DhDraft>(() => draftOf(dh));
  const [errors, setErrors] = useState<{ name?: string | null; handle?: string | null }>({});
  const [busy, setBusy] = useState(false);

  async function run(call: () => Promise<DigitalHuman>): Promise<void> {
    setBusy(true);
    setErrors({});
    try {
      onSaved(await call());
    } catch (err) {
      const field = err instanceof ApiError && (err.code === 'CONFLICT' || /handle/i.test(err.message)) ? 'handle' : 'name';
      setErrors({ [field]: errorMessage(err, t) });
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (busy) return;
    if (!draft.handle.trim()) {
      setErrors({ handle: t('dh.field.handleRequired') });
      return;
    }
    const patch = changes(dh, draft);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    void run(() => api.invoke('dh.update', { workspaceId, dhId: dh.id, ...patch }));
  }

  return (
    <Dialog title={t('dh.edit.title', { name: dh.name })} onClose={onClose} testId="edit-dh-dialog" size="large">
      <form className="form" onSubmit={submit} noValidate>
        {dh.archived ? <p className="callout">{t('dh.edit.archivedNote')}</p> : null}
        <DhProfileFields draft={draft} onChange={(c) => setDraft((d) => ({ ...d, ...c }))} errors={errors} handlePlaceholder={dh.handle} />
        <DialogFooter>
          <button type="button" className="button button--ghost-danger dh-edit__delete" onClick={() => onDelete(dh)} data-testid="edit-dh-delete">
            {t('dh.delete.open')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => api.invoke('dh.archive', { workspaceId, dhId: dh.id, archived: !dh.archived }))} data-testid="edit-dh-archive">
            {dh.archived ? t('dh.restore') : t('dh.archive')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="edit-dh-submit">
            {t('common.save')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
