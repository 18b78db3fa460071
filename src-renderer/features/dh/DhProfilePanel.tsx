/**
 * A digital human's profile, beside the room: edit it (saved in place, the
 * panel stays open), archive or restore it, delete it after confirmation.
 * Only the fields that changed are sent, so a teammate's edit of another
 * field at the same time stays.
 */
import { Suspense, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ChannelInput, DigitalHuman } from '../../../src-main/common/contract';
import { ApiError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { AsidePanel } from '../../lib/ui/AsidePanel';
import { lazyNamed } from '../../lib/ui/lazyNamed';
import { DhProfileFields, type DhDraft } from './DhProfileFields';

// A confirmation, loaded when first asked for.
const DeleteDhDialog = lazyNamed(() => import('./DeleteDhDialog'), 'DeleteDhDialog');

interface DhProfilePanelProps {
  workspaceId: string;
  dh: DigitalHuman;
  /** The digital human as the core returned it after a change. */
  onSaved(dh: DigitalHuman): void;
  /** It was deleted: the panel has nothing left to show. */
  onDeleted(): void;
  onClose(): void;
  /** Where the focus goes back on close. */
  opener?: HTMLElement | null;
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

export function DhProfilePanel({ workspaceId, dh, onSaved, onDeleted, onClose, opener }: DhProfilePanelProps): ReactNode {
  const t = useT();
  const [draft, setDraft] = useState<DhDraft>(() => draftOf(dh));
  const [errors, setErrors] = useState<{ name?: string | null; handle?: string | null }>({});
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState('');

  async function run(call: () => Promise<DigitalHuman>): Promise<void> {
    setBusy(true);
    setErrors({});
    setNotice('');
    try {
      const saved = await call();
      onSaved(saved);
      setDraft(draftOf(saved));
      setNotice(t('dh.profile.saved'));
    } catch (err) {
      const field = err instanceof ApiError && (err.code === 'CONFLICT' || /handle/i.test(err.message)) ? 'handle' : 'name';
      setErrors({ [field]: errorMessage(err, t) });
    } finally {
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
      setNotice(t('dh.profile.unchanged'));
      return;
    }
    void run(() => api.invoke('dh.update', { workspaceId, dhId: dh.id, ...patch }));
  }

  return (
    <AsidePanel title={t('dh.profile.title', { name: dh.name })} subtitle={dh.title || undefined} onClose={onClose} opener={opener} testId="dh-profile" className="side-panel--profile">
      <form className="form" onSubmit={submit} noValidate>
        {dh.archived ? <p className="callout">{t('dh.edit.archivedNote')}</p> : null}
        <DhProfileFields draft={draft} onChange={(c) => setDraft((d) => ({ ...d, ...c }))} errors={errors} handlePlaceholder={dh.handle} />
        <p className="field__hint" role="status" aria-live="polite" data-testid="dh-profile-status">
          {notice}
        </p>
        <div className="side-panel__actions">
          <button type="button" className="button button--ghost-danger dh-edit__delete" onClick={() => setDeleting(true)} data-testid="edit-dh-delete">
            {t('dh.delete.open')}
          </button>
          {/* Busy buttons are not disabled: a disabled button drops the focus, and the panel stays open. */}
          <button type="button" className="button" aria-disabled={busy} onClick={() => void (busy ? null : run(() => api.invoke('dh.archive', { workspaceId, dhId: dh.id, archived: !dh.archived })))} data-testid="edit-dh-archive">
            {dh.archived ? t('dh.restore') : t('dh.archive')}
          </button>
          <button type="submit" className="button button--primary" aria-disabled={busy} data-testid="edit-dh-submit">
            {t('common.save')}
          </button>
        </div>
      </form>
      {deleting ? (
        <Suspense fallback={null}>
          <DeleteDhDialog workspaceId={workspaceId} dh={dh} onDeleted={onDeleted} onClose={() => setDeleting(false)} />
        </Suspense>
      ) : null}
    </AsidePanel>
  );
}
