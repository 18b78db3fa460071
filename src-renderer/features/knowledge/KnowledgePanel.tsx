/**
 * The knowledge panel of a workspace, or of one digital human, beside the room: its
 * documents (title, file, size, passages, who imported it and when), an
 * import by file picker or by dropping files anywhere on the panel, a
 * delete with confirmation, and a search showing passages with their
 * sources. The list follows `knowledge.changed`, so a teammate's import
 * shows up as it syncs.
 */
import { useRef, useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import type { DigitalHuman, KnowledgeDocument } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import type { Translate } from '../../lib/i18n/i18n';
import { AsidePanel } from '../../lib/ui/AsidePanel';
import { PlusIcon } from '../../lib/ui/icons';
import { TrashIcon } from '../../lib/ui/roomIcons';
import { DeleteDocumentDialog } from './DeleteDocumentDialog';
import { importKnowledgeFile, KNOWLEDGE_ACCEPT, KNOWLEDGE_MAX_BYTES } from './importKnowledgeFile';
import { KnowledgeSearch } from './KnowledgeSearch';
import { useKnowledgeDocuments } from './useKnowledgeDocuments';

interface KnowledgePanelProps {
  workspaceId: string;
  /** The digital human whose own documents to show; null for the workspace's. */
  dh: DigitalHuman | null;
  onClose(): void;
  /** Where the focus goes back on close. */
  opener?: HTMLElement | null;
}

/** One file being imported, or its outcome. */
interface ImportLine {
  key: string;
  name: string;
  state: 'busy' | 'done' | 'failed';
  message: string;
}

function formatSize(bytes: number, t: Translate): string {
  if (bytes < 1024) return t('knowledge.size.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('knowledge.size.kb', { n: (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0) });
  return t('knowledge.size.mb', { n: (bytes / 1024 / 1024).toFixed(1) });
}

export function KnowledgePanel({ workspaceId, dh, onClose, opener }: KnowledgePanelProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const scope = dh ? dh.id : 'workspace';
  const data = useKnowledgeDocuments(workspaceId, scope);
  const [imports, setImports] = useState<ImportLine[]>([]);
  const [dragging, setDragging] = useState(false);
  const [deleting, setDeleting] = useState<KnowledgeDocument | null>(null);
  const [notice, setNotice] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = imports.some((i) => i.state === 'busy');

  function update(key: string, change: Partial<ImportLine>): void {
    setImports((lines) => lines.map((l) => (l.key === key ? { ...l, ...change } : l)));
  }

  async function importFiles(files: readonly File[]): Promise<void> {
    const batch = files.map((file, i) => ({ file, key: `${Date.now()}-${i}-${file.name}` }));
    setImports((lines) => [...lines.filter((l) => l.state === 'busy'), ...batch.map(({ file, key }) => ({ key, name: file.name, state: 'busy' as const, message: t('knowledge.import.busy', { name: file.name }) }))]);
    // One at a time: each file is read and indexed by the core in turn.
    for (const { file, key } of batch) {
      if (file.size > KNOWLEDGE_MAX_BYTES) {
        update(key, { state: 'failed', message: t('knowledge.import.tooLarge', { name: file.name }) });
        continue;
      }
      try {
        data.put(await importKnowledgeFile(api, workspaceId, scope, file));
        const message = t('knowledge.import.done', { name: file.name });
        update(key, { state: 'done', message });
        setNotice(message);
      } catch (err) {
        update(key, { state: 'failed', message: errorMessage(err, t) });
      }
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void importFiles(files);
  }

  function onDragOver(event: DragEvent<HTMLDivElement>): void {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  const documents = data.documents;
  return (
    <AsidePanel title={dh ? t('knowledge.title.dh', { name: dh.name }) : t('knowledge.title.workspace')} onClose={onClose} opener={opener} testId="knowledge-view">
      <div
        className={`knowledge-panel${dragging ? ' knowledge-panel--dragging' : ''}`}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        data-testid="knowledge-panel"
      >
        <p className="field__hint">{dh ? t('knowledge.intro.dh', { name: dh.name }) : t('knowledge.intro.workspace')}</p>
        {dh && !dh.tools.includes('knowledge') ? (
          <p className="callout knowledge-panel__off" data-testid="knowledge-off">
            {t('knowledge.off', { name: dh.name })}
          </p>
        ) : null}
        <div className="knowledge-drop" data-testid="knowledge-drop">
          <p>{dragging ? t('knowledge.import.dropActive') : t('knowledge.import.drop')}</p>
          <button type="button" className="button button--primary" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="knowledge-import-open">
            <PlusIcon width={16} height={16} />
            {t('knowledge.import.open')}
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={KNOWLEDGE_ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length > 0) void importFiles(files);
            }}
            data-testid="knowledge-file-input"
          />
        </div>
        {imports.length > 0 ? (
          <ul className="knowledge-imports" data-testid="knowledge-imports">
            {imports.map((line) => (
              <li key={line.key} className={`knowledge-imports__line knowledge-imports__line--${line.state}`} role={line.state === 'failed' ? 'alert' : undefined}>
                {line.message}
              </li>
            ))}
          </ul>
        ) : null}
        <KnowledgeSearch workspaceId={workspaceId} dhId={dh?.id ?? null} dhName={dh?.name ?? null} />
        <section className="knowledge-documents" aria-label={t('knowledge.list.label')}>
          <h3 className="knowledge-documents__title">{t('knowledge.list.label')}</h3>
          {documents === null ? (
            <p className="knowledge-empty">{data.error ? errorMessage(data.error, t) : t('knowledge.list.loading')}</p>
          ) : documents.length === 0 ? (
            <p className="knowledge-empty" data-testid="knowledge-empty">
              {t('knowledge.list.empty')}
            </p>
          ) : (
            <ul className="knowledge-list" data-testid="knowledge-list">
              {documents.map((d) => (
                <li key={`${d.scope}:${d.id}`} className="knowledge-doc" data-testid="knowledge-doc">
                  <div className="knowledge-doc__main">
                    <p className="knowledge-doc__title">{d.title}</p>
                    <p className="knowledge-doc__meta">
                      {[
                        d.fileName,
                        formatSize(d.size, t),
                        d.chunkCount === 1 ? t('knowledge.doc.passage') : t('knowledge.doc.passages', { count: d.chunkCount }),
                        ...(d.pages !== null ? [d.pages === 1 ? t('knowledge.doc.page') : t('knowledge.doc.pages', { count: d.pages })] : []),
                      ].join(' · ')}
                    </p>
                    <p className="knowledge-doc__meta">
                      {t('knowledge.doc.importedBy', {
                        name: d.importedByName ?? t('knowledge.doc.someone'),
                        date: new Date(d.importedAt).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' }),
                      })}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('knowledge.doc.delete', { title: d.title })}
                    title={t('knowledge.doc.delete', { title: d.title })}
                    onClick={() => setDeleting(d)}
                    data-testid="knowledge-doc-delete"
                  >
                    <TrashIcon width={16} height={16} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="visually-hidden" role="status" aria-live="polite">
          {notice}
        </p>
      </div>
      {deleting ? (
        <DeleteDocumentDialog
          workspaceId={workspaceId}
          document={deleting}
          onDeleted={(d) => {
            data.drop(d.id);
            setDeleting(null);
            setNotice(t('knowledge.deleted', { title: d.title }));
          }}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </AsidePanel>
  );
}
