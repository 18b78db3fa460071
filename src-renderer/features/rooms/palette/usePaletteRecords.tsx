/**
 * The workspace's tasks, knowledge documents and digital humans' profiles as
 * palette items, read once when the palette opens, and the actions opening
 * the tasks and the knowledge: each opens beside the room (a task the tasks
 * view on it, a document the knowledge it belongs to). A failed read leaves
 * those groups empty (the palette still finds everything else). Null until
 * the read is in: the palette marks its list busy meanwhile (aria-busy), as
 * more items may come. Kept out of `paletteItems`, which the first screen
 * loads: the palette is loaded later.
 */
import { useEffect, useState } from 'react';
import type { DigitalHuman, KnowledgeDocument, Task } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n/I18nProvider';
import { CheckIcon } from '../../../lib/ui/icons';
import { BookIcon } from '../../knowledge/BookIcon';
import { requestDhPanel, requestKnowledge, requestTasks } from '../../dh/dhPanelNavigation';
import { PersonAvatar } from '../timeline/PersonAvatar';
import type { PaletteItem } from './paletteTypes';

const WORKSPACE_SCOPE = 'workspace';
const NONE: readonly PaletteItem[] = [];

export function usePaletteRecords(workspaceId: string | null): readonly PaletteItem[] | null {
  const t = useT();
  const [records, setRecords] = useState<{ workspaceId: string; items: readonly PaletteItem[] } | null>(null);
  useEffect(() => {
    if (!workspaceId) return undefined;
    let live = true;
    const quiet = <T,>(promise: Promise<T[]>): Promise<T[]> => promise.catch(() => []);
    void Promise.all([
      quiet<Task>(api.invoke('task.list', { workspaceId })),
      quiet<KnowledgeDocument>(api.invoke('knowledge.list', { workspaceId })),
      quiet<DigitalHuman>(api.invoke('dh.list', { workspaceId })),
    ]).then(([tasks, documents, dhs]) => {
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
      const profileItems: PaletteItem[] = dhs.map((dh) => ({
        id: `dh-profile-${dh.id}`,
        group: 'dhs',
        label: t('dh.profile.title', { name: dh.name }),
        detail: `@${dh.mentionHandle}`,
        icon: <PersonAvatar name={dh.name} color={dh.color} size="tiny" digitalHuman />,
        run: () => requestDhPanel(workspaceId, { kind: 'dh-profile', dhId: dh.id }),
      }));
      const views: PaletteItem[] = [
        { id: 'action-tasks', group: 'actions', label: t('tasks.open'), icon: <CheckIcon width={16} height={16} />, run: () => requestTasks(workspaceId, null) },
        { id: 'action-knowledge', group: 'actions', label: t('knowledge.open'), icon: <BookIcon width={16} height={16} />, run: () => requestKnowledge(workspaceId, null) },
      ];
      setRecords({ workspaceId, items: [...taskItems, ...documentItems, ...profileItems, ...views] });
    });
    return () => {
      live = false;
    };
  }, [workspaceId, t]);
  if (!workspaceId) return NONE;
  return records?.workspaceId === workspaceId ? records.items : null;
}
