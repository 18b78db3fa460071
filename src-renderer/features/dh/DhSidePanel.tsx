/**
 * The digital humans' side panels beside the room: the tasks, the knowledge,
 * or one digital human's profile, with the workspace's digital humans kept
 * current (`dh.changed`). A panel about a digital human that is gone closes.
 */
import { Suspense, useEffect } from 'react';
import type { ReactNode } from 'react';
import type { Member } from '../../../src-main/common/contract';
import { lazyNamed } from '../../lib/ui/lazyNamed';
import type { DhPanel } from './dhPanelNavigation';
import { useDigitalHumans } from './useDigitalHumans';

// Opened on demand: loaded when first opened.
const DhProfilePanel = lazyNamed(() => import('./DhProfilePanel'), 'DhProfilePanel');
const KnowledgePanel = lazyNamed(() => import('../knowledge/KnowledgePanel'), 'KnowledgePanel');
const TasksPanel = lazyNamed(() => import('../tasks/TasksPanel'), 'TasksPanel');

interface DhSidePanelProps {
  workspaceId: string;
  panel: DhPanel;
  members: readonly Member[];
  me: string;
  /** Where the focus goes back on close. */
  opener: HTMLElement | null;
  onClose(): void;
}

export function DhSidePanel({ workspaceId, panel, members, me, opener, onClose }: DhSidePanelProps): ReactNode {
  const data = useDigitalHumans(workspaceId);
  const dhId = panel.dhId;
  const dh = dhId === null ? null : (data.all?.find((d) => d.id === dhId) ?? null);
  const missing = dhId !== null && data.all !== null && dh === null;
  useEffect(() => {
    if (missing) onClose();
  }, [missing, onClose]);
  // Wait for the digital humans before naming one (no flash of the workspace-wide title).
  if (data.all === null || (dhId !== null && dh === null)) return null;

  return (
    <Suspense fallback={null}>
      {panel.kind === 'tasks' ? (
        <TasksPanel
          key={`${panel.dhId ?? ''}/${panel.taskId ?? ''}`}
          workspaceId={workspaceId}
          dhs={data.all}
          members={members}
          me={me}
          initialDhId={panel.dhId}
          initialTaskId={panel.taskId}
          opener={opener}
          onClose={onClose}
        />
      ) : panel.kind === 'knowledge' ? (
        <KnowledgePanel key={panel.dhId ?? ''} workspaceId={workspaceId} dh={dh} opener={opener} onClose={onClose} />
      ) : dh ? (
        <DhProfilePanel key={dh.id} workspaceId={workspaceId} dh={dh} onSaved={data.put} onDeleted={onClose} opener={opener} onClose={onClose} />
      ) : null}
    </Suspense>
  );
}
