/**
 * The files under a message: an image shows its preview (made by the core,
 * a PNG it sends as data; the renderer never decodes the original), any
 * other file a card with its name, size and type. Saving hands the bytes to
 * the browser's own download (a save dialog in the app): no path of this
 * computer ever comes from the renderer.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AttachedFile } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { base64ToBlob, formatSize } from './fileBytes';
import { useMessageFiles, type FileProgress } from './RoomFiles';

function Preview({ workspaceId, file }: { workspaceId: string; file: AttachedFile }): ReactNode {
  const [src, setSrc] = useState<{ url: string; width: number; height: number } | null>(null);
  useEffect(() => {
    let alive = true;
    if (file.local && file.type.startsWith('image/')) {
      api.invoke('file.thumbnail', { workspaceId, hash: file.hash }).then(
        (thumb) => {
          if (alive && thumb) setSrc({ url: `data:image/png;base64,${thumb.data}`, width: thumb.width, height: thumb.height });
        },
        () => undefined,
      );
    }
    return () => {
      alive = false;
    };
  }, [workspaceId, file.hash, file.local, file.type]);
  if (!src) return null;
  return <img className="file-card__preview" src={src.url} width={src.width} height={src.height} alt={file.name} />;
}

function Progress({ name, progress }: { name: string; progress: FileProgress }): ReactNode {
  const t = useT();
  const label = t(progress.direction === 'up' ? 'files.uploading' : 'files.downloadingShare', { name, percent: Math.round(progress.share * 100) });
  return <progress className="file-card__progress" max={1} value={progress.share} aria-label={label} title={label} />;
}

function FileCard({ workspaceId, file, progress }: { workspaceId: string; file: AttachedFile; progress: FileProgress | undefined }): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);

  async function save(): Promise<void> {
    setError(null);
    try {
      const { data } = await api.invoke('file.read', { workspaceId, hash: file.hash });
      const url = URL.createObjectURL(base64ToBlob(data, 'application/octet-stream'));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  return (
    <figure className="file-card" data-testid={`file-${file.hash.slice(0, 12)}`}>
      <Preview workspaceId={workspaceId} file={file} />
      <figcaption className="file-card__meta">
        <span className="file-card__name">{file.name}</span>
        <span className="file-card__details">
          {formatSize(file.size, locale)} · {file.type}
        </span>
        {progress ? <Progress name={file.name} progress={progress} /> : null}
        {file.local ? (
          <button type="button" className="button button--small" onClick={() => void save()} aria-label={t('files.save', { name: file.name })}>
            {t('files.saveShort')}
          </button>
        ) : (
          <span className="file-card__waiting">{t('files.downloading')}</span>
        )}
        {error !== null ? (
          <span className="form-error" role="alert">
            {error}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

export function MessageFiles({ messageId }: { messageId: string }): ReactNode {
  const found = useMessageFiles(messageId);
  if (!found) return null;
  return (
    <div className="msg__files" data-testid={`message-files-${messageId}`}>
      {found.files.map((file) => (
        <FileCard key={file.hash} workspaceId={found.workspaceId} file={file} progress={found.progress.get(file.hash)} />
      ))}
    </div>
  );
}
