/**
 * The memory form, inline in the panel: text, kind, tags and importance,
 * for a new memory or one being edited. Focus goes to the text; Esc
 * cancels (without closing the panel), Ctrl/⌘+Enter saves.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';
import { IMPORTANCE_STEPS, MEMORY_KINDS, type MemoryDraft } from './memoryDraft';

interface MemoryEditorProps {
  initial: MemoryDraft;
  submitLabel: string;
  /** Saves the draft; a rejection shows its message in the form. */
  onSubmit(draft: MemoryDraft): Promise<void>;
  onCancel(): void;
  testId: string;
}

/** Longest memory text (the contract's limit). */
const TEXT_MAX = 8000;

export function MemoryEditor({ initial, submitLabel, onSubmit, onCancel, testId }: MemoryEditorProps): ReactNode {
  const t = useT();
  const ids = { text: useId(), textHint: useId(), kind: useId(), tags: useId(), tagsHint: useId(), importance: useId() };
  const [draft, setDraft] = useState<MemoryDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = textRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  async function submit(event?: FormEvent<HTMLFormElement>): Promise<void> {
    event?.preventDefault();
    if (busy) return;
    if (!draft.text.trim()) {
      setError(t('memory.field.textRequired'));
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(draft);
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      // Handled here so the panel's dialog stays open.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  const change = (c: Partial<MemoryDraft>): void => setDraft((d) => ({ ...d, ...c }));
  return (
    <form className="memory-editor" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate data-testid={testId}>
      <div className="field">
        <label className="field__label" htmlFor={ids.text}>
          {t('memory.field.text')}
        </label>
        <textarea
          ref={textRef}
          id={ids.text}
          className="input memory-editor__text"
          value={draft.text}
          maxLength={TEXT_MAX}
          rows={3}
          placeholder={t('memory.field.textPlaceholder')}
          aria-invalid={error !== null && !draft.text.trim() ? true : undefined}
          aria-describedby={ids.textHint}
          onChange={(e) => change({ text: e.target.value })}
          data-testid={`${testId}-text`}
        />
        <p id={ids.textHint} className="field__hint">
          {t('memory.field.textCount', { count: draft.text.length })}
        </p>
      </div>
      <div className="memory-editor__row">
        <div className="field">
          <label className="field__label" htmlFor={ids.kind}>
            {t('memory.field.kind')}
          </label>
          <select id={ids.kind} className="input" value={draft.kind} onChange={(e) => change({ kind: e.target.value as MemoryDraft['kind'] })} data-testid={`${testId}-kind`}>
            {MEMORY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`memory.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field memory-editor__tags">
          <label className="field__label" htmlFor={ids.tags}>
            {t('memory.field.tags')}
          </label>
          <input id={ids.tags} className="input" value={draft.tags} aria-describedby={ids.tagsHint} onChange={(e) => change({ tags: e.target.value })} data-testid={`${testId}-tags`} />
          <p id={ids.tagsHint} className="field__hint">
            {t('memory.field.tagsHint')}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.importance}>
            {t('memory.field.importance')}
          </label>
          <div className="memory-editor__importance">
            <input
              id={ids.importance}
              type="range"
              min={0}
              max={IMPORTANCE_STEPS}
              step={1}
              value={draft.importance}
              aria-valuetext={t('memory.importance', { value: draft.importance })}
              onChange={(e) => change({ importance: Number(e.target.value) })}
              data-testid={`${testId}-importance`}
            />
            <output htmlFor={ids.importance} aria-hidden="true">
              {draft.importance}/{IMPORTANCE_STEPS}
            </output>
          </div>
        </div>
      </div>
      {error ? <FormError message={error} testId={`${testId}-error`} /> : null}
      <div className="memory-editor__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid={`${testId}-submit`}>
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
