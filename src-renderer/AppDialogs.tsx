/**
 * Renders the one dialog that is open, looking its workspace up in the live
 * data each time (so a rename from elsewhere shows, and a dialog whose
 * workspace was deleted elsewhere simply closes).
 */
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import type { Profile, RelayAccount, RestoreResult, Settings, Workspace, WorkspaceSyncStatus } from '../src-main/common/contract';
import { localOnlyStatus } from './features/sync/syncStatusText';
import type { WorkspaceActions } from './features/workspaces/useWorkspaceActions';
import type { SettingsAnchor } from './features/settings/settingsAnchors';
import { lazyNamed } from './lib/ui/lazyNamed';
import type { QwanyxData } from './lib/useQwanyxState';

// Not on the first screen: loaded when first opened.
const SettingsDialog = lazyNamed(() => import('./features/settings/SettingsDialog'), 'SettingsDialog');
const JoinWorkspaceDialog = lazyNamed(() => import('./features/sync/JoinWorkspaceDialog'), 'JoinWorkspaceDialog');
const SyncDialog = lazyNamed(() => import('./features/sync/SyncDialog'), 'SyncDialog');
const AppearanceDialog = lazyNamed(() => import('./features/workspaces/AppearanceDialog'), 'AppearanceDialog');
const ArchivedWorkspacesDialog = lazyNamed(() => import('./features/workspaces/ArchivedWorkspacesDialog'), 'ArchivedWorkspacesDialog');
const CreateWorkspaceDialog = lazyNamed(() => import('./features/workspaces/CreateWorkspaceDialog'), 'CreateWorkspaceDialog');
const ExportWorkspaceDialog = lazyNamed(() => import('./features/export/ExportWorkspaceDialog'), 'ExportWorkspaceDialog');
const ImportWorkspaceDialog = lazyNamed(() => import('./features/export/ImportWorkspaceDialog'), 'ImportWorkspaceDialog');
const DeleteWorkspaceDialog = lazyNamed(() => import('./features/workspaces/DeleteWorkspaceDialog'), 'DeleteWorkspaceDialog');
const RenameWorkspaceDialog = lazyNamed(() => import('./features/workspaces/RenameWorkspaceDialog'), 'RenameWorkspaceDialog');

export type OpenDialog =
  | { kind: 'create' }
  | { kind: 'rename'; id: string }
  | { kind: 'appearance'; id: string }
  | { kind: 'export'; id: string; returnTo?: OpenDialog }
  | { kind: 'import'; returnTo?: OpenDialog }
  | { kind: 'delete'; id: string; returnTo?: OpenDialog }
  | { kind: 'archived' }
  | { kind: 'settings'; anchor?: SettingsAnchor }
  | { kind: 'sync'; id: string }
  | { kind: 'join' };

interface AppDialogsProps {
  dialog: OpenDialog | null;
  data: QwanyxData;
  actions: WorkspaceActions;
  setDialog(dialog: OpenDialog | null): void;
  onUnarchive(id: string): Promise<void>;
  onProfileSaved(profile: Profile): void;
  onSettingsSaved(settings: Settings): void;
  syncStatuses: ReadonlyMap<string, WorkspaceSyncStatus>;
  relayAccounts: RelayAccount[] | null;
  onSyncStatus(status: WorkspaceSyncStatus): void;
  onJoined(workspace: Workspace): void;
  /** A snapshot was restored from Settings → Backups. */
  onRestored(result: RestoreResult, workspaceName: string): void;
}

export function AppDialogs(props: AppDialogsProps): ReactNode {
  return (
    <Suspense fallback={null}>
      <OpenAppDialog {...props} />
    </Suspense>
  );
}

function OpenAppDialog(props: AppDialogsProps): ReactNode {
  const { dialog, data, actions, setDialog, onUnarchive, onProfileSaved, onSettingsSaved } = props;
  if (!dialog) return null;
  const close = (): void => setDialog(null);
  const archivedCount = data.workspaces.filter((w) => w.archived).length;

  switch (dialog.kind) {
    case 'create':
      return <CreateWorkspaceDialog usedColors={data.workspaces.map((w) => w.color)} onCreate={actions.create} onClose={close} />;
    case 'archived':
      return (
        <ArchivedWorkspacesDialog
          workspaces={data.workspaces}
          onUnarchive={onUnarchive}
          onDelete={(w) => setDialog({ kind: 'delete', id: w.id, returnTo: { kind: 'archived' } })}
          onClose={close}
        />
      );
    case 'settings':
      return (
        <SettingsDialog
          anchor={dialog.anchor}
          info={data.info}
          profile={data.profile}
          settings={data.settings}
          archivedCount={archivedCount}
          onProfileSaved={onProfileSaved}
          onSettingsSaved={onSettingsSaved}
          onShowArchived={() => setDialog({ kind: 'archived' })}
          onExport={() => {
            if (data.settings.activeWorkspaceId) setDialog({ kind: 'export', id: data.settings.activeWorkspaceId, returnTo: dialog });
          }}
          onImport={() => setDialog({ kind: 'import', returnTo: dialog })}
          relayAccounts={props.relayAccounts}
          onJoin={() => setDialog({ kind: 'join' })}
          onRestored={props.onRestored}
          onClose={close}
        />
      );
    case 'import':
      return (
        <ImportWorkspaceDialog
          onClose={() => setDialog(dialog.returnTo ?? null)}
          onOpen={(w) => {
            setDialog(null);
            actions.open(w.id).catch((err: unknown) => console.error('Opening the imported workspace failed', err));
          }}
        />
      );
    case 'join':
      return <JoinWorkspaceDialog profileEmail={data.profile.email} onJoined={props.onJoined} onClose={close} />;
    default:
      break;
  }

  const workspace = data.workspaces.find((w) => w.id === dialog.id);
  if (!workspace) return null;
  switch (dialog.kind) {
    case 'rename':
      return <RenameWorkspaceDialog workspace={workspace} onRename={actions.rename} onClose={close} />;
    case 'appearance':
      return <AppearanceDialog workspace={workspace} onSave={actions.setAppearance} onClose={close} />;
    case 'export':
      return <ExportWorkspaceDialog workspace={workspace} onClose={() => setDialog(dialog.returnTo ?? null)} />;
    case 'sync':
      return (
        <SyncDialog
          workspace={workspace}
          status={props.syncStatuses.get(workspace.id) ?? localOnlyStatus(workspace.id)}
          accounts={props.relayAccounts}
          profileEmail={data.profile.email}
          onStatus={props.onSyncStatus}
          onDeleteLocal={() => setDialog({ kind: 'delete', id: workspace.id, returnTo: dialog })}
          onClose={close}
        />
      );
    case 'delete':
      return (
        <DeleteWorkspaceDialog
          workspace={workspace}
          onDelete={actions.remove}
          onClose={() => setDialog(dialog.returnTo ?? null)}
        />
      );
  }
}
