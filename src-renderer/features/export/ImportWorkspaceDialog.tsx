/**
 * Import a workspace from an export (`.qwanyx.zip`): the window never names
 * a path. The desktop app asks the core to show the main process's open
 * dialog (`workspace.importPick`); the browser host reads the file the
 * person picked and uploads it in pieces (`workspace.importUpload*`), with
 * a progress bar. The core checks the whole archive before it creates
 * anything, and its message says what is wrong with a damaged or hostile
 * one. Once imported, the new workspace opens (the rail), or the dialog
 * names it with a button to open it (Settings → Workspaces): one dialog,
 * one import path, whichever place it is opened from.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, ReactNode } from 'react';
import type { ChannelOutput } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { toBase64 } from '../knowledge/importKnowledgeFile';

type Imported = NonNullable<ChannelOutput<'workspace.importPick'>>;

interface ImportWorkspaceDialogProps {
  onClose(): void;
  /** The new workspace, opened at once (the rail). */
  onImported?(workspace: Imported['workspace']): void;
  /** Offer a button that opens the new workspace, rather than opening it at once (Settings). */
  onOpen?(workspace: Imported['workspace']): void;
}

type ImportState =
  | { step: 'idle' }
  | { step: 'uploading'; name: string; sent: number; size: number }
  | { step: 'importing'; name: string }
  | { step: 'done'; result: Imported }
  | { step: 'failed'; message: string };

function megabytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

export function ImportWorkspaceDialog({ onClose, onImported, onOpen }: ImportWorkspaceDialogProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [shell, setShell] = useState<string | null>(null);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  const uploadId = useRef<string | null>(null);
  const busy = state.step === 'uploading' || state.step === 'importing';

  useEffect(() => {
    api.invoke('app.info', {}).then(
      (info) => setShell(info.shell),
      (err: unknown) => setState({ step: 'failed', message: errorMessage(err, t) }),
    );
  }, [t]);

  // Closing mid-upload drops the upload's bytes in the core.
  useEffect(
    () => () => {
      cancelled.current = true;
      if (uploadId.current) void api.invoke('workspace.importUploadCancel', { uploadId: uploadId.current }).catch(() => undefined);
    },
    [],
  );

  function finished(result: Imported): void {
    setState({ step: 'done', result });
    onImported?.(result.workspace);
  }

  async function pickInMainProcess(): Promise<void> {
    setState({ step: 'importing', name: '' });
    try {
      const result = await api.invoke('workspace.importPick', {});
      if (result === null) setState({ step: 'idle' });
      else finished(result);
    } catch (err) {
      setState({ step: 'failed', message: errorMessage(err, t) });
    }
  }

  async function upload(file: File): Promise<void> {
    if (!/\.zip$/i.test(file.name)) {
      setState({ step: 'failed', message: t('import.notZip', { name: file.name }) });
      return;
    }
    setState({ step: 'uploading', name: file.name, sent: 0, size: file.size });
    try {
      const begun = await api.invoke('workspace.importUploadBegin', { name: file.name, size: file.size });
      uploadId.current = begun.uploadId;
      let offset = 0;
      while (offset < file.size) {
        if (cancelled.current) return;
        const piece = new Uint8Array(await file.slice(offset, offset + begun.chunkBytes).arrayBuffer());
        offset = (await api.invoke('workspace.importUploadChunk', { uploadId: begun.uploadId, offset, data: toBase64(piece) })).received;
        setState({ step: 'uploading', name: file.name, sent: offset, size: file.size });
      }
      setState({ step: 'importing', name: file.name });
      const result = await api.invoke('workspace.importUploadFinish', { uploadId: begun.uploadId });
      uploadId.current = null;
      finished(result);
    } catch (err) {
      uploadId.current = null;
      if (!cancelled.current) setState({ step: 'failed', message: errorMessage(err, t) });
    }
  }

  function choose(): void {
    if (shell === 'electron') void pickInMainProcess();
    else input.current?.click();
  }

  function onFile(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void upload(file);
  }

  return (
    <Dialog title={t('import.title')} onClose={onClose} testId="import-workspace-dialog" size="small">
      <p>{t('import.body')}</p>
      <p className="export-hint">{t('import.safe')}</p>
      <input ref={input} type="file" accept=".zip,application/zip" hidden onChange={onFile} tabIndex={-1} aria-hidden="true" data-testid="import-workspace-file" />
      {state.step === 'uploading' ? (
        <div className="export-progress" data-testid="import-progress">
          <progress max={Math.max(1, state.size)} value={state.sent} aria-label={t('import.uploading', { name: state.name })} />
          <p aria-live="polite">{t('import.uploadingOf', { name: state.name, sent: megabytes(state.sent, locale), size: megabytes(state.size, locale) })}</p>
        </div>
      ) : null}
      {state.step === 'importing' ? (
        <div className="export-progress" data-testid="import-progress">
          <progress aria-label={t('import.importing')} />
          <p aria-live="polite">{t('import.importing')}</p>
        </div>
      ) : null}
      {state.step === 'done' ? (
        <p role="status" className="export-done" data-testid="import-done">
          {t(onOpen ? 'import.doneClosed' : 'import.done', { name: state.result.workspace.name, docs: state.result.docs, files: state.result.files })}
        </p>
      ) : null}
      {state.step === 'failed' ? (
        <p role="alert" className="form-error" data-testid="import-error">
          {state.message}
        </p>
      ) : null}
      <DialogFooter>
        <button type="button" className="button" onClick={onClose}>
          {state.step === 'done' ? t('export.close') : t('common.cancel')}
        </button>
        {state.step === 'done' && onOpen ? (
          <button type="button" className="button button--primary" onClick={() => onOpen(state.result.workspace)} data-testid="import-open">
            {t('import.open', { name: state.result.workspace.name })}
          </button>
        ) : null}
        {state.step !== 'done' ? (
          <button type="button" className="button button--primary" disabled={busy || shell === null} onClick={choose} data-testid="import-choose">
            {state.step === 'failed' ? t('import.chooseAgain') : t('import.choose')}
          </button>
        ) : null}
      </DialogFooter>
    </Dialog>
  );
}
