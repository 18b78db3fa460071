/**
 * Erasing a member's data (docs/erasure.md) cannot be undone and reaches
 * every device and the relay, so the dialog says exactly what goes, asks
 * for the member's name typed out, shows that it is running (the relay
 * rewrites every doc's history: it can take a while), then only the counts
 * the core answers. Not being an owner and an unreachable relay get their own
 * sentence; anything else shows the core's message.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ErasureView, WorkspaceMember } from '../../../src-main/common/contract';
import { ApiError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';
import type { Translate } from '../../lib/i18n/i18n';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { WarningIcon } from '../../lib/ui/icons';
import { TextField } from '../../lib/ui/TextField';

interface EraseMemberDialogProps {
  workspaceId: string;
  member: WorkspaceMember;
  onClose(): void;
}

type EraseState = { step: 'idle' } | { step: 'busy' } | { step: 'done'; view: ErasureView } | { step: 'failed'; message: string };

const ERASED_ITEMS = ['messages', 'files', 'reactions', 'reads', 'pins', 'held', 'memories'] as const;

/** The sentence for a failed erasure: the two a person can act on are named, the rest is the core's own message. */
function eraseError(err: unknown, t: Translate): string {
  if (err instanceof ApiError && err.code === 'FORBIDDEN') return t('members.erase.error.notOwner');
  if (err instanceof ApiError && err.code === 'RELAY_UNREACHABLE') return t('members.erase.error.offline');
  return errorMessage(err, t);
}

export function EraseMemberDialog({ workspaceId, member, onClose }: EraseMemberDialogProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<EraseState>({ step: 'idle' });
  const name = member.displayName;
  const matches = typed.trim() === name.trim();
  const busy = state.step === 'busy';

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || !matches || state.step === 'done') return;
    setState({ step: 'busy' });
    try {
      const view = await api.invoke('member.erase', { workspaceId, memberId: member.userId });
      setState({ step: 'done', view });
    } catch (err) {
      setState({ step: 'failed', message: eraseError(err, t) });
    }
  }

  return (
    <Dialog title={t('members.erase.title', { name })} onClose={busy ? () => undefined : onClose} testId="erase-member-dialog" size="medium" tone="danger">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {state.step !== 'done' ? (
          <>
            <p>{t('members.erase.intro', { name })}</p>
            <ul className="erase-list">
              {ERASED_ITEMS.map((item) => (
                <li key={item}>{t(`members.erase.item.${item}`)}</li>
              ))}
            </ul>
            <div className="callout callout--danger">
              <WarningIcon className="callout__icon" />
              <p>{t('members.erase.warning')}</p>
            </div>
            <p className="field__hint">{t('members.erase.kept')}</p>
          </>
        ) : null}
        {state.step !== 'done' ? (
          <TextField
            label={
              <>
                {t('members.erase.confirmLabel')} <strong className="confirm-name">{name}</strong>
              </>
            }
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            disabled={busy}
            testId="erase-member-confirm"
            autoComplete="off"
            spellCheck={false}
          />
        ) : null}
        {busy ? (
          <div className="export-progress" data-testid="erase-member-progress">
            <progress aria-label={t('members.erase.busy', { name })} />
            <p aria-live="polite">{t('members.erase.busy', { name })}</p>
          </div>
        ) : null}
        {state.step === 'done' ? (
          <div role="status" className="export-done" data-testid="erase-member-done">
            <p>{t('members.erase.done', { name })}</p>
            <ul className="erase-list">
              <li>{plural('members.erase.count.messages', state.view.counts.messages)}</li>
              <li>{plural('members.erase.count.files', state.view.counts.files)}</li>
              <li>{plural('members.erase.count.reactions', state.view.counts.reactions)}</li>
              <li>{plural('members.erase.count.reads', state.view.counts.reads)}</li>
              <li>{plural('members.erase.count.pins', state.view.counts.pins)}</li>
              <li>{plural('members.erase.count.memories', state.view.counts.memories)}</li>
            </ul>
          </div>
        ) : null}
        {state.step === 'failed' ? (
          <p role="alert" className="form-error" data-testid="erase-member-error">
            {state.message}
          </p>
        ) : null}
        <DialogFooter>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {state.step === 'done' ? t('export.close') : t('common.cancel')}
          </button>
          {state.step !== 'done' ? (
            <button type="submit" className="button button--danger" disabled={!matches || busy} data-testid="erase-member-submit">
              {t('members.erase.submit')}
            </button>
          ) : null}
        </DialogFooter>
      </form>
    </Dialog>
  );
}
