/**
 * The fields of a digital human's profile, shared by the create and edit
 * dialogs: name, handle (with the @mention it gives), title, persona,
 * colour, model, tools and memory.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { DhToolName } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../lib/i18n/i18n';
import { TextField } from '../../lib/ui/TextField';
import { ColorPalette } from '../workspaces/ColorPalette';

/** What the form edits; strings stay as typed until saved. */
export interface DhDraft {
  name: string;
  /** Empty: derived from the name by the core. */
  handle: string;
  title: string;
  persona: string;
  color: string;
  /** Empty: the workspace's default model. */
  model: string;
  tools: DhToolName[];
  memoryEnabled: boolean;
}

export const DH_TOOLS: readonly { tool: DhToolName; label: MessageKey; hint: MessageKey }[] = [
  { tool: 'memory', label: 'dh.tool.memory', hint: 'dh.tool.memoryHint' },
  { tool: 'tasks', label: 'dh.tool.tasks', hint: 'dh.tool.tasksHint' },
  { tool: 'knowledge', label: 'dh.tool.knowledge', hint: 'dh.tool.knowledgeHint' },
  { tool: 'post', label: 'dh.tool.post', hint: 'dh.tool.postHint' },
  { tool: 'handoff', label: 'dh.tool.handoff', hint: 'dh.tool.handoffHint' },
  { tool: 'connectors', label: 'dh.tool.connectors', hint: 'dh.tool.connectorsHint' },
];

/** The handle a name would get (as the core derives it), for the placeholder. */
export function handleFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '.')
    .replace(/[^\p{L}\p{N}._-]/gu, '')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 36);
}

interface DhProfileFieldsProps {
  draft: DhDraft;
  onChange(change: Partial<DhDraft>): void;
  /** Errors by field, from the core's refusal. */
  errors: { name?: string | null; handle?: string | null };
  /** The handle shown when the field is left empty. */
  handlePlaceholder: string;
}

export function DhProfileFields({ draft, onChange, errors, handlePlaceholder }: DhProfileFieldsProps): ReactNode {
  const t = useT();
  const personaId = useId();
  const personaHint = useId();
  const handle = (draft.handle.trim() || handlePlaceholder).replace(/^@/, '').toLowerCase();
  const mention = handle.split('@')[0] ?? '';
  const toggleTool = (tool: DhToolName): void => onChange({ tools: draft.tools.includes(tool) ? draft.tools.filter((x) => x !== tool) : [...draft.tools, tool] });
  return (
    <>
      <div className="form__grid">
        <TextField label={t('dh.field.name')} value={draft.name} onChange={(e) => onChange({ name: e.target.value })} maxLength={80} error={errors.name ?? null} testId="dh-name" autoComplete="off" />
        <TextField
          label={t('dh.field.handle')}
          value={draft.handle}
          placeholder={handlePlaceholder}
          onChange={(e) => onChange({ handle: e.target.value })}
          hint={mention ? t('dh.field.handleHint', { mention }) : undefined}
          error={errors.handle ?? null}
          maxLength={120}
          testId="dh-handle"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <TextField label={t('dh.field.title')} placeholder={t('dh.field.titlePlaceholder')} value={draft.title} onChange={(e) => onChange({ title: e.target.value })} maxLength={120} testId="dh-title" autoComplete="off" />
      <div className="field">
        <label className="field__label" htmlFor={personaId}>
          {t('dh.field.persona')}
        </label>
        <textarea
          id={personaId}
          className="input dh-persona"
          rows={8}
          maxLength={20_000}
          value={draft.persona}
          placeholder={t('dh.field.personaPlaceholder')}
          aria-describedby={personaHint}
          onChange={(e) => onChange({ persona: e.target.value })}
          data-testid="dh-persona"
        />
        <p id={personaHint} className="field__hint">
          {t('dh.field.personaHint', { count: draft.persona.length })}
        </p>
      </div>
      <ColorPalette value={draft.color} onChange={(color) => onChange({ color })} testIdPrefix="dh-color" />
      <TextField
        label={t('dh.field.model')}
        placeholder={t('dh.field.modelPlaceholder')}
        hint={t('dh.field.modelHint')}
        value={draft.model}
        onChange={(e) => onChange({ model: e.target.value })}
        maxLength={200}
        testId="dh-model"
        autoComplete="off"
        spellCheck={false}
      />
      <fieldset className="field">
        <legend className="field__label">{t('dh.field.tools')}</legend>
        <div className="dh-tools">
          {DH_TOOLS.map((option) => (
            <label key={option.tool} className="switch-row">
              <input type="checkbox" className="switch" checked={draft.tools.includes(option.tool)} onChange={() => toggleTool(option.tool)} data-testid={`dh-tool-${option.tool}`} />
              <span>
                <span className="switch-row__title">{t(option.label)}</span>
                <span className="switch-row__hint">{t(option.hint)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="switch-row">
        <input type="checkbox" className="switch" checked={draft.memoryEnabled} onChange={(e) => onChange({ memoryEnabled: e.target.checked })} data-testid="dh-memory" />
        <span>
          <span className="switch-row__title">{t('dh.field.memory')}</span>
          <span className="switch-row__hint">{t('dh.field.memoryHint')}</span>
        </span>
      </label>
    </>
  );
}
