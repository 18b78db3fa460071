/**
 * The loaded app: banners, the workspace rail, the main area of the open
 * workspace, and the dialogs, menu and toast that act on them.
 */
import { useAwayStatus } from './features/rooms/presence/useAwayStatus';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import type { Settings, Workspace } from '../src-main/common/contract';
import { AppDialogs } from './AppDialogs';
import type { OpenDialog } from './AppDialogs';
import { useUnreadSummaries } from './features/rooms/data/useUnreadSummaries';
import { useReplyJobEvents } from './features/agents/replyJobs';
import { GuidedStart } from './features/onboarding/GuidedStart';
import { useModelSettingsRequests } from './features/providers/modelSettingsRequest';
import type { SettingsAnchor } from './features/settings/settingsAnchors';
import { dropStoresOf } from './features/rooms/data/MessageListStore';
import { useMessageEvents } from './features/rooms/data/useMessageEvents';
import { useMessageNotifications } from './features/rooms/notifications/useMessageNotifications';
import { requestRoom } from './features/rooms/roomNavigation';
import { RoomsView } from './features/rooms/RoomsView';
import { KeychainBanner } from './features/settings/KeychainBanner';
import { localOnlyStatus } from './features/sync/syncStatusText';
import { useRelayAccounts } from './features/sync/useRelayAccounts';
import { useSyncStatuses } from './features/sync/useSyncStatuses';
import { NoWorkspaceState } from './features/workspaces/NoWorkspaceState';
import { activeWorkspace, useWorkspaceActions } from './features/workspaces/useWorkspaceActions';
import { useWorkspaceShortcuts } from './features/workspaces/useWorkspaceShortcuts';
import { WorkspaceHeader } from './features/workspaces/WorkspaceHeader';
import { WorkspaceMenu } from './features/workspaces/WorkspaceMenu';
import { WorkspaceRail } from './features/workspaces/WorkspaceRail';
import { RecoveryView } from './features/backups/RecoveryView';
import { DamagedWorkspacesContext, useRecovery } from './features/backups/useRecovery';
import { api } from './lib/api';
import { errorMessage } from './lib/errorMessage';
import { useLocale, useT } from './lib/i18n/I18nProvider';
import type { MenuAnchor } from './lib/ui/Menu';
import { Toast } from './lib/ui/Toast';
import type { ToastMessage } from './lib/ui/Toast';
import type { QwanyxData, QwanyxStore } from './lib/useQwanyxState';

interface AppShellProps {
  data: QwanyxData;
  store: QwanyxStore;
  banner: ReactNode;
}

interface OpenMenu {
  id: string;
  anchor: MenuAnchor;
}

let toastIds = 0;

export function AppShell({ data, store, banner }: AppShellProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const actions = useWorkspaceActions(store);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const syncStatuses = useSyncStatuses();
  useAwayStatus();
  const relayAccounts = useRelayAccounts();
  const recovery = useRecovery(activeWorkspace(data)?.id ?? null);

  const visible = data.workspaces.filter((w) => !w.archived);
  const archivedCount = data.workspaces.length - visible.length;
  const active = activeWorkspace(data);
  const recoveryWorkspace = recovery.showingId ? data.workspaces.find((w) => w.id === recovery.showingId) : undefined;
  const menuWorkspace = menu ? data.workspaces.find((w) => w.id === menu.id) : undefined;

  const notify = useCallback((text: string, action?: ToastMessage['action']) => {
    setToast({ id: ++toastIds, text, action });
  }, []);
  const dismissToast = useCallback(() => setToast(null), []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const openSettings = useCallback((anchor?: SettingsAnchor) => setDialog({ kind: 'settings', anchor }), []);
  const saveSettings = useCallback(
    (settings: Settings) => store.update((d) => ({ ...d, settings: { ...settings, activeWorkspaceId: d.settings.activeWorkspaceId } })),
    [store],
  );
  const openModelSettings = useCallback(() => openSettings('providers'), [openSettings]);
  useModelSettingsRequests(openModelSettings);
  const openSync = useCallback((w: Workspace) => setDialog({ kind: 'sync', id: w.id }), []);

  const open = useCallback(
    (id: string) => {
      if (recovery.intercept(id)) return;
      actions.open(id).catch((err: unknown) => {
        if (!recovery.failed(id, err)) notify(errorMessage(err, t));
      });
    },
    [actions, notify, t, recovery],
  );

  // A workspace whose file was just restored or rebuilt opens afresh: its cached timelines are dropped and its rooms view remounts.
  const [reopened, setReopened] = useState(0);
  const reopen = useCallback(
    (id: string) => {
      recovery.recovered(id);
      dropStoresOf(id);
      setReopened((n) => n + 1);
      actions.open(id).catch((err: unknown) => notify(errorMessage(err, t)));
    },
    [actions, notify, t, recovery],
  );

  const setArchived = useCallback(
    async (workspace: Workspace, archived: boolean) => {
      await actions.setArchived(workspace.id, archived);
      const undo = { label: t('common.undo'), run: () => void setArchived(workspace, !archived).catch((err: unknown) => notify(errorMessage(err, t))) };
      notify(t(archived ? 'workspace.archive.done' : 'workspace.unarchive.done', { name: workspace.name }), undo);
    },
    [actions, notify, t],
  );

  useWorkspaceShortcuts({ workspaces: visible, onOpen: open, onSettings: openSettings });
  // Every workspace stays live, not only the one on screen.
  useMessageEvents(useCallback((err: unknown) => notify(errorMessage(err, t)), [notify, t]));
  useReplyJobEvents();
  const unread = useUnreadSummaries(visible.map((w) => w.id));
  const workspaceNames = new Map(data.workspaces.map((w) => [w.id, w.name]));
  useMessageNotifications({
    me: data.profile.userId,
    workspaceNames,
    mutedWorkspaceIds: data.settings.mutedWorkspaceIds,
    onOpen: (workspaceId, roomId, messageId) => {
      requestRoom(workspaceId, roomId, messageId);
      if (workspaceId !== active?.id) open(workspaceId);
    },
  });

  return (
    <DamagedWorkspacesContext.Provider value={recovery.byId}>
    <div className="shell">
      {banner}
      <KeychainBanner keychain={data.info.keychain} />
      <div className="layout">
        <WorkspaceRail
          workspaces={visible}
          activeId={active?.id ?? null}
          menuId={menu?.id ?? null}
          archivedCount={archivedCount}
          unread={unread}
          mutedIds={data.settings.mutedWorkspaceIds}
          onOpen={open}
          onMenu={(w, anchor) => setMenu({ id: w.id, anchor })}
          onCreate={() => setDialog({ kind: 'create' })}
          onShowArchived={() => setDialog({ kind: 'archived' })}
          onSettings={openSettings}
        />
        <main className="main" data-testid="main-area">
          {recoveryWorkspace ? (
            <RecoveryView
              key={recoveryWorkspace.id}
              workspace={recoveryWorkspace}
              damage={recovery.byId.get(recoveryWorkspace.id)!}
              notify={notify}
              onOpenWorkspace={reopen}
            />
          ) : active ? (
            <>
              <WorkspaceHeader
                workspace={active}
                syncStatus={syncStatuses.byId.get(active.id) ?? localOnlyStatus(active.id)}
                onMenu={(w, anchor) => setMenu({ id: w.id, anchor })}
                onSync={openSync}
              />
              <GuidedStart
                step={data.settings.onboarding}
                workspaceId={active.id}
                onConnectModel={openModelSettings}
                onSaved={saveSettings}
                notify={notify}
              />
              <RoomsView
                key={`${active.id}:${reopened}`}
                workspace={active}
                workspaces={visible}
                position={visible.indexOf(active) + 1}
                me={data.profile.userId}
                notify={notify}
                onOpenWorkspace={open}
                onCustomize={() => setDialog({ kind: 'appearance', id: active.id })}
                onCreateWorkspace={() => setDialog({ kind: 'create' })}
                onSettings={openSettings}
              />
            </>
          ) : (
            <div className="main__content">
              <NoWorkspaceState
                archivedCount={archivedCount}
                onCreate={() => setDialog({ kind: 'create' })}
                onShowArchived={() => setDialog({ kind: 'archived' })}
              />
            </div>
          )}
        </main>
      </div>
      {menu && menuWorkspace ? (
        <WorkspaceMenu
          workspace={menuWorkspace}
          anchor={menu.anchor}
          onClose={closeMenu}
          onRename={(w) => setDialog({ kind: 'rename', id: w.id })}
          onAppearance={(w) => setDialog({ kind: 'appearance', id: w.id })}
          onSync={openSync}
          onExport={(w) => setDialog({ kind: 'export', id: w.id })}
          muted={data.settings.mutedWorkspaceIds.includes(menuWorkspace.id)}
          onSetMuted={(w, muted) => {
            api.invoke('settings.update', { mute: { workspaceId: w.id, muted } }).then(saveSettings, (err: unknown) => notify(errorMessage(err, t)));
          }}
          onSetArchived={(w, archived) => void setArchived(w, archived).catch((err: unknown) => notify(errorMessage(err, t)))}
          onDelete={(w) => setDialog({ kind: 'delete', id: w.id })}
        />
      ) : null}
      <AppDialogs
        dialog={dialog}
        data={data}
        actions={actions}
        setDialog={setDialog}
        onUnarchive={async (id) => {
          const workspace = data.workspaces.find((w) => w.id === id);
          if (workspace) await setArchived(workspace, false);
        }}
        onProfileSaved={(profile) => store.update((d) => ({ ...d, profile }))}
        onSettingsSaved={saveSettings}
        syncStatuses={syncStatuses.byId}
        relayAccounts={relayAccounts}
        onSyncStatus={syncStatuses.put}
        onRestored={(result, name) => {
          setDialog(null);
          const time = new Date(result.snapshot.takenAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
          notify(result.movedAsideTo ? t('backups.restore.done', { name, time, folder: result.movedAsideTo }) : t('backups.restore.doneNoFile', { name, time }));
          reopen(result.workspaceId);
        }}
        onJoined={(workspace) => {
          setDialog(null);
          store.update((d) => (d.workspaces.some((w) => w.id === workspace.id) ? d : { ...d, workspaces: [...d.workspaces, workspace] }));
          notify(t('join.done', { name: workspace.name }));
          open(workspace.id);
        }}
      />
      <Toast toast={toast} closeLabel={t('common.close')} onDismiss={dismissToast} />
    </div>
    </DamagedWorkspacesContext.Provider>
  );
}
