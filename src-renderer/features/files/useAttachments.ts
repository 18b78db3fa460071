/**
 * The files attached in a composer before sending: each picked, dropped or
 * pasted file goes to the core at once (`file.attach`, which stores it and
 * makes an image's preview), and the message names them when it is sent
 * (`file.post`). A file the core refuses (too large) says why.
 */
import { useCallback, useState } from 'react';
import type { AttachedFile } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { fileToBase64, formatSize } from './fileBytes';

export interface PendingAttachment {
  key: string;
  name: string;
  size: number;
  file: AttachedFile | null;
}

export interface Attachments {
  items: readonly PendingAttachment[];
  error: string | null;
  /** Whether every file is stored and the message can be sent. */
  ready: boolean;
  add(files: readonly File[]): void;
  remove(key: string): void;
  /** Posts `text` with the files; clears them when the core accepted it. */
  post(roomId: string, text: string, threadRootId: string | null): Promise<void>;
  clear(): void;
}

/**
 * The contract's limits (common/contract/fileChannels.ts: MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE), checked
 * here before a large file is read into memory; the core enforces them either way.
 */
const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_FILES_PER_MESSAGE = 10;

let counter = 0;

export function useAttachments(workspaceId: string): Attachments {
  const t = useT();
  const locale = useLocale();
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback(
    (files: readonly File[]) => {
      setError(null);
      for (const file of files) {
        if (file.size > MAX_FILE_BYTES) {
          setError(t('files.tooLarge', { name: file.name, max: formatSize(MAX_FILE_BYTES, locale) }));
          continue;
        }
        const key = `a${++counter}`;
        setItems((list) => (list.length >= MAX_FILES_PER_MESSAGE ? list : [...list, { key, name: file.name || 'pasted.png', size: file.size, file: null }]));
        void fileToBase64(file)
          .then((data) => api.invoke('file.attach', { workspaceId, name: file.name || `pasted-${Date.now()}.png`, type: file.type || 'application/octet-stream', data }))
          .then(
            (attached) => setItems((list) => list.map((i) => (i.key === key ? { ...i, file: attached } : i))),
            (err: unknown) => {
              setItems((list) => list.filter((i) => i.key !== key));
              setError(errorMessage(err, t));
            },
          );
      }
    },
    [workspaceId, t, locale],
  );

  const post = useCallback(
    async (roomId: string, text: string, threadRootId: string | null) => {
      const sent = new Set(items.map((i) => i.key));
      const hashes = items.flatMap((i) => (i.file ? [i.file.hash] : []));
      await api.invoke('file.post', { workspaceId, roomId, files: hashes, ...(text.trim() !== '' ? { text } : {}), ...(threadRootId ? { threadRootId } : {}) });
      // Files attached while this was on its way stay for the next message.
      setItems((list) => list.filter((i) => !sent.has(i.key)));
    },
    [items, workspaceId],
  );

  return {
    items,
    error,
    ready: items.length > 0 && items.every((i) => i.file !== null),
    add,
    remove: (key) => setItems((list) => list.filter((i) => i.key !== key)),
    post,
    clear: () => setItems([]),
  };
}
