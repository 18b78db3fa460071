/**
 * The workspace's tasks and knowledge documents as palette items, read once
 * when the palette opens: a task opens the tasks view on it, a document the
 * knowledge it belongs to. A failed read leaves those groups empty (the
 * palette still finds everything else).
 */
import { useEffect, useState } from 'react';
import type { KnowledgeDocument, Task } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n/I18nProvider';
import { CheckIcon } from '../../../lib/ui/icons';
import { BookIcon } from '../../knowledge/BookIcon';
import { requestKnowledge, requestTasks } from '../../dh/dhPanelNavigation';
import type { PaletteItem } from './paletteTypes';

const WORKSPACE_SCOPE = 'workspace';
const NONE: readonly PaletteItem[] = [];

export function usePaletteRecords(workspaceId: string | null): readonly PaletteItem[] {
  const t = useT();
  const [records, setRecords] = useState<readonly PaletteItem[]>(NONE);
  useEffect(() => {
    if (!workspaceId) return undefined;
    let live = true;
    const quiet = <T,>(promise: Promise<T[]>): Promise<T[]> => promise.catch(() => []);
    void Promise.all([quiet<Task>(api.invoke('task.list', { workspaceId })), quiet<KnowledgeDocument>(api.invoke('knowledge.list', { workspaceId }))]).then(([tasks, documents]) => {
      if (!live) return;
      const taskItems: PaletteItem[] = tasks.map((task) => ({
        id: `task-${task.id}`,
        group: 'tasks',
        label: task.title,
        detail: t(`tasks.status.${task.status}`),
        icon: <CheckIcon width={16} height={16} />,
        run: () => requestTasks(workspaceId, task.dhId, task.id),
      }));
      const documentItems: PaletteItem[] = documents.map((document) => ({
        id: `document-${document.id}`,
        group: 'documents',
        label: document.title || document.fileName,
        detail: document.fileName,
        icon: <BookIcon width={16} height={16} />,
        run: () => requestKnowledge(workspaceId, document.scope === WORKSPACE_SCOPE ? null : document.scope),
      }));
      setRecords([...taskItems, ...documentItems]);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, t]);
  return records;
}
