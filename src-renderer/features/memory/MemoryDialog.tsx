/**
 * The memory panel of one digital human: everything it remembers in this
 * workspace, newest first and page by page, with a filter (words, kind,
 * pinned) or, in the other mode, a question answered the way the DH would
 * recall for it (ranked, with scores and sources, conversation messages
 * included). Every memory can be edited inline, pinned or deleted, and new
 * ones added. The lists follow `memory.changed`, so what the DH learns in a
 * conversation, or a teammate edits, shows at once.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { DigitalHuman, Member, Memory, MemoryKind } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog } from '../../lib/ui/Dialog';
import { PlusIcon } from '../../lib/ui/icons';
import { SearchIcon } from '../../lib/ui/roomIcons';
import { FormError } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';
import { DeleteMemoryDialog } from './DeleteMemoryDialog';
import { changesOf, emptyDraft, inputOf, MEMORY_KINDS, type MemoryDraft } from './memoryDraft';
import { MemoryEditor } from './MemoryEditor';
import { MemoryResults } from './MemoryResults';
import { useMemories } from './useMemories';
import { useRecall } from './useRecall';

type Mode = 'filter' | 'recall';

interface MemoryDialogProps {
  workspaceId: string;
  dh: DigitalHuman;
  /** The workspace's members, to name the authors of recalled messages. */
  members: readonly Member[];
  onClose(): void;
}

/** Pause in typing before the filter applies. */
const FILTER_DELAY_MS = 250;

export function MemoryDialog({ workspaceId, dh, members, onClose }: MemoryDialogProps): ReactNode {
  const t = useT();
  const ids = { search: useId(), kind: useId(), pinned: useId() };
  const [mode, setMode] = useState<Mode>('filter');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MemoryKind | null>(null);
  const [pinned, setPinned] = useState<boolean | null>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Memory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const list = useMemories(workspaceId, dh.id, { query, kind, pinned });
  const recall = useRecall(workspaceId, dh.id);
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.displayName])), [members]);
  const addRef = useRef<HTMLButtonElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (mode !== 'filter') return undefined;
    const timer = setTimeout(() => setQuery(text), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, mode]);

  // The "Add a memory" button gets the keyboard back once the form is gone (it is disabled until then).
  const refocusAddRef = useRef(false);
  useEffect(() => {
    if (adding || !refocusAddRef.current) return;
    refocusAddRef.current = false;
    addRef.current?.focus();
  }, [adding]);

  function stopAdding(): void {
    refocusAddRef.current = true;
    setAdding(false);
  }

  function announce(message: string): void {
    // Set twice so the same words are announced again.
    setNotice('');
    requestAnimationFrame(() => setNotice(message));
  }

  function onSearch(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (mode === 'filter') setQuery(text);
    else recall.ask(text);
  }

  function applied(memory: Memory): void {
    list.put(memory);
    recall.put(memory);
  }

  async function add(draft: MemoryDraft): Promise<void> {
    applied(await api.invoke('memory.add', { workspaceId, dhId: dh.id, ...inputOf(draft) }));
    stopAdding();
    announce(t('memory.added'));
  }

  async function save(memory: Memory, draft: MemoryDraft): Promise<void> {
    const changes = changesOf(memory, draft);
    if (Object.keys(changes).length === 0) return;
    applied(await api.invoke('memory.update', { workspaceId, dhId: dh.id, id: memory.id, ...changes }));
    announce(t('memory.saved'));
  }

  function pin(memory: Memory, on: boolean): void {
    setError(null);
    api.invoke('memory.pin', { workspaceId, dhId: dh.id, id: memory.id, on }).then(
      (updated) => {
        applied(updated);
        announce(t(on ? 'memory.pinned.on' : 'memory.pinned.off'));
      },
      (err: unknown) => setError(errorMessage(err, t)),
    );
  }

  async function remove(memory: Memory): Promise<void> {
    await api.invoke('memory.delete', { workspaceId, dhId: dh.id, id: memory.id });
    list.drop(memory.id);
    recall.drop(memory.id);
    announce(t('memory.deleted'));
    // The card and its buttons are gone: keep the keyboard in the results.
    requestAnimationFrame(() => resultsRef.current?.focus());
  }

  return (
    <Dialog title={t('memory.title', { name: dh.name })} onClose={onClose} testId="memory-dialog" size="large">
      <div className="memory-panel">
        <p className="field__hint">{t('memory.intro', { name: dh.name })}</p>
        {dh.memoryEnabled ? null : (
          <p className="callout memory-panel__off" data-testid="memory-off">
            {t('memory.off', { name: dh.name })}
          </p>
        )}
        <div className="memory-panel__toolbar">
          <SegmentedControl
            label={t('memory.mode')}
            value={mode}
            options={[
              { value: 'filter', label: t('memory.mode.filter') },
              { value: 'recall', label: t('memory.mode.recall') },
            ]}
            onChange={(v) => setMode(v)}
            testIdPrefix="memory-mode"
          />
          <button ref={addRef} type="button" className="button button--primary" onClick={() => setAdding(true)} disabled={adding} data-testid="memory-add-open">
            <PlusIcon width={16} height={16} />
            {t('memory.add.open')}
          </button>
        </div>
        {adding ? (
          <div className="memory-panel__add">
            <MemoryEditor initial={emptyDraft()} submitLabel={t('memory.add.submit')} onSubmit={add} onCancel={stopAdding} testId="memory-new" />
          </div>
        ) : null}
        <form role="search" className="memory-search" onSubmit={onSearch}>
          <label className="memory-search__box" htmlFor={ids.search}>
            <SearchIcon width={16} height={16} />
            <span className="visually-hidden">{mode === 'filter' ? t('memory.search.filter') : t('memory.search.recall')}</span>
            <input
              id={ids.search}
              type="search"
              className="input"
              value={text}
              maxLength={mode === 'filter' ? 500 : 2000}
              placeholder={mode === 'filter' ? t('memory.search.filterPlaceholder') : t('memory.search.recallPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              data-autofocus
              data-testid="memory-search"
            />
          </label>
          {mode === 'filter' ? (
            <>
              <label className="visually-hidden" htmlFor={ids.kind}>
                {t('memory.filter.kind')}
              </label>
              <select id={ids.kind} className="input memory-search__select" value={kind ?? ''} onChange={(e) => setKind((e.target.value || null) as MemoryKind | null)} data-testid="memory-filter-kind">
                <option value="">{t('memory.filter.kind.all')}</option>
                {MEMORY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`memory.kind.${k}`)}
                  </option>
                ))}
              </select>
              <label className="visually-hidden" htmlFor={ids.pinned}>
                {t('memory.filter.pinned')}
              </label>
              <select
                id={ids.pinned}
                className="input memory-search__select"
                value={pinned === null ? '' : pinned ? 'yes' : 'no'}
                onChange={(e) => setPinned(e.target.value === '' ? null : e.target.value === 'yes')}
                data-testid="memory-filter-pinned"
              >
                <option value="">{t('memory.filter.pinned.all')}</option>
                <option value="yes">{t('memory.filter.pinned.only')}</option>
                <option value="no">{t('memory.filter.pinned.not')}</option>
              </select>
            </>
          ) : (
            <button type="submit" className="button button--primary" disabled={!text.trim() || recall.busy} data-testid="memory-ask">
              {t('memory.search.ask')}
            </button>
          )}
        </form>
        {error ? <FormError message={error} testId="memory-error" /> : null}
        <MemoryResults
          ref={resultsRef}
          mode={mode}
          dhName={dh.name}
          filtered={query.trim() !== '' || kind !== null || pinned !== null}
          list={list}
          recall={recall}
          names={names}
          onSave={save}
          onPin={pin}
          onDelete={setDeleting}
        />
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="memory-announcement">
          {notice}
        </p>
      </div>
      {deleting ? <DeleteMemoryDialog memory={deleting} dhName={dh.name} onDelete={remove} onClose={() => setDeleting(null)} /> : null}
    </Dialog>
  );
}
