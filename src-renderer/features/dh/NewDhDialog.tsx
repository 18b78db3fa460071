/**
 * "New digital human": pick a template (or start blank), then adjust every
 * field of the profile. Until the persona is edited by hand it follows the
 * name ("You are <name>, …"); the handle, left empty, is derived from the
 * name by the core.
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { DhTemplate, DigitalHuman } from '../../../src-main/common/contract';
import { ApiError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../lib/i18n/i18n';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { DhProfileFields, handleFromName, type DhDraft } from './DhProfileFields';

interface NewDhDialogProps {
  workspaceId: string;
  onCreated(dh: DigitalHuman): void;
  onClose(): void;
}

/** The picker's words for the core's templates, in the UI's language (the core's English otherwise). */
const TEMPLATE_TEXT: Readonly<Record<string, { title: MessageKey; description: MessageKey }>> = {
  'support-agent': { title: 'dh.template.support-agent.title', description: 'dh.template.support-agent.description' },
  'sales-assistant': { title: 'dh.template.sales-assistant.title', description: 'dh.template.sales-assistant.description' },
  'project-coordinator': { title: 'dh.template.project-coordinator.title', description: 'dh.template.project-coordinator.description' },
  'devops-assistant': { title: 'dh.template.devops-assistant.title', description: 'dh.template.devops-assistant.description' },
  'adhd-planning-coach': { title: 'dh.template.adhd-planning-coach.title', description: 'dh.template.adhd-planning-coach.description' },
};

const BLANK: DhDraft = { name: '', handle: '', title: '', persona: '', color: '#5b5bd6', model: '', tools: ['memory', 'tasks', 'post'], memoryEnabled: true };

function draftOf(template: DhTemplate): DhDraft {
  return { name: template.name, handle: '', title: template.title, persona: template.persona, color: template.color, model: '', tools: [...template.tools], memoryEnabled: template.memoryEnabled };
}

/** The template's persona speaking as `name` (what the core stores when the persona is not edited). */
function personaAs(template: DhTemplate, name: string): string {
  const given = name.trim();
  return given && given !== template.name ? template.persona.replaceAll(`You are ${template.name},`, `You are ${given},`) : template.persona;
}

/** Which field a refusal of the core is about. */
function fieldOf(err: unknown): 'handle' | 'name' {
  return err instanceof ApiError && (err.code === 'CONFLICT' || /handle/i.test(err.message)) ? 'handle' : 'name';
}

export function NewDhDialog({ workspaceId, onCreated, onClose }: NewDhDialogProps): ReactNode {
  const t = useT();
  const group = useId();
  const [templates, setTemplates] = useState<DhTemplate[] | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [draft, setDraft] = useState<DhDraft>(BLANK);
  const [personaEdited, setPersonaEdited] = useState(false);
  const [errors, setErrors] = useState<{ name?: string | null; handle?: string | null }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.invoke('dh.templates', {}).then(
      (list) => !cancelled && setTemplates(list),
      (err: unknown) => !cancelled && setErrors({ name: errorMessage(err, t) }),
    );
    return () => {
      cancelled = true;
    };
  }, [t]);

  const template = templates?.find((x) => x.id === templateId) ?? null;
  const persona = template && !personaEdited ? personaAs(template, draft.name) : draft.persona;
  const handlePlaceholder = template && draft.name.trim() === template.name ? template.handle : handleFromName(draft.name) || 'assistant';

  function pick(id: string | null): void {
    setTemplateId(id);
    const chosen = templates?.find((x) => x.id === id);
    setDraft(chosen ? draftOf(chosen) : BLANK);
    setPersonaEdited(false);
    setErrors({});
  }

  function change(next: Partial<DhDraft>): void {
    if (next.persona !== undefined) setPersonaEdited(true);
    setDraft((d) => ({ ...d, ...next }));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!draft.name.trim()) {
      setErrors({ name: t('dh.field.nameRequired') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const dh = await api.invoke('dh.create', {
        workspaceId,
        name: draft.name,
        title: draft.title,
        color: draft.color,
        model: draft.model.trim() || null,
        tools: draft.tools,
        memoryEnabled: draft.memoryEnabled,
        ...(template ? { template: template.id } : {}),
        ...(draft.handle.trim() ? { handle: draft.handle } : {}),
        // Unedited, the core writes the template's persona under the chosen name.
        ...(template && !personaEdited ? {} : { persona: draft.persona }),
      });
      onCreated(dh);
    } catch (err) {
      setErrors({ [fieldOf(err)]: errorMessage(err, t) });
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('dh.create.title')} description={t('dh.create.description')} onClose={onClose} testId="new-dh-dialog" size="large">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="field">
          <legend className="field__label">{t('dh.create.template')}</legend>
          <div className="dh-templates" role="radiogroup" aria-busy={templates === null}>
            <label className="kind-card dh-template">
              <input type="radio" className="kind-card__radio" name={group} checked={templateId === null} onChange={() => pick(null)} data-testid="dh-template-blank" />
              <span className="kind-card__text">
                <span className="kind-card__title">{t('dh.create.blank')}</span>
                <span className="kind-card__hint">{t('dh.create.blankHint')}</span>
              </span>
            </label>
            {(templates ?? []).map((x) => (
              <label key={x.id} className="kind-card dh-template">
                <input type="radio" className="kind-card__radio" name={group} checked={templateId === x.id} onChange={() => pick(x.id)} data-testid={`dh-template-${x.id}`} />
                <span className="dh-template__dot" style={{ backgroundColor: x.color }} aria-hidden="true" />
                <span className="kind-card__text">
                  <span className="kind-card__title">{TEMPLATE_TEXT[x.id] ? t(TEMPLATE_TEXT[x.id]!.title) : x.title}</span>
                  <span className="kind-card__hint">{TEMPLATE_TEXT[x.id] ? t(TEMPLATE_TEXT[x.id]!.description) : x.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <DhProfileFields draft={{ ...draft, persona }} onChange={change} errors={errors} handlePlaceholder={handlePlaceholder} />
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="new-dh-submit">
            {t('dh.create.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
