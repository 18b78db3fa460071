/**
 * Export a workspace to one zip in the Downloads folder: what it holds and
 * what it never holds (secrets), a progress bar while the core writes it,
 * then where it is. The core picks the file name (workspace name and day).
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';

interface ExportWorkspaceDialogProps {
  workspace: Workspace;
  onClose(): void;
}

type ExportState =
  | { step: 'idle' }
  | { step: 'busy'; docs: number; total: number }
  | { step: 'done'; path: string; bytes: number }
  | { step: 'failed'; message: string };

function megabytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

export function ExportWorkspaceDialog({ workspace, onClose }: ExportWorkspaceDialogProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [state, setState] = useState<ExportState>({ step: 'idle' });

  useEffect(
    () =>
      api.on('workspace.exportProgress', (p) => {
        if (p.id === workspace.id) setState((s) => (s.step === 'busy' ? { step: 'busy', docs: p.docs, total: p.totalDocs } : s));
      }),
    [workspace.id],
  );

  async function run(): Promise<void> {
    setState({ step: 'busy', docs: 0, total: 0 });
    try {
      const done = await api.invoke('workspace.export', { id: workspace.id });
      setState({ step: 'done', path: done.path, bytes: done.bytes });
    } catch (err) {
      setState({ step: 'failed', message: errorMessage(err, t) });
    }
  }

  return (
    <Dialog title={t('export.title', { name: workspace.name })} onClose={onClose} testId="export-workspace-dialog" size="small">
      <p>{t('export.body')}</p>
      <p className="export-hint">{t('export.where')}</p>
      {state.step === 'busy' ? (
        <div className="export-progress" data-testid="export-progress">
          <progress max={Math.max(1, state.total)} value={state.docs} aria-label={t('export.busy', { docs: state.docs, total: state.total || '…' })} />
          <p aria-live="polite">{t('export.busy', { docs: state.docs, total: state.total || '…' })}</p>
        </div>
      ) : null}
      {state.step === 'done' ? (
        <p role="status" className="export-done" data-testid="export-done">
          {t('export.done', { size: megabytes(state.bytes, locale), path: state.path })}
        </p>
      ) : null}
      {state.step === 'failed' ? (
        <p role="alert" className="form-error" data-testid="export-error">
          {state.message}
        </p>
      ) : null}
      <DialogFooter>
        <button type="button" className="button" onClick={onClose}>
          {t('export.close')}
        </button>
        {state.step !== 'done' ? (
          <button type="button" className="button button--primary" disabled={state.step === 'busy'} onClick={() => void run()} data-testid="export-submit">
            {t('export.action')}
          </button>
        ) : null}
      </DialogFooter>
    </Dialog>
  );
}
