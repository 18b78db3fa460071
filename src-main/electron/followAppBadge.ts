/**
 * The app's badge count (the dock on macOS, the launcher on Linux): unread
 * messages of every workspace on the rail whose notifications are on,
 * kept current from the core's `unread.changed`, `settings.changed` and
 * `workspaces.changed`. Needs nothing of Electron itself: the shell passes
 * `app.setBadgeCount`, so the rule is tested under Node.
 */
import type { Settings, UnreadSummary, Workspace } from '../common/contract';
import { settingsSchema, unreadSummarySchema, workspaceSchema } from '../common/contract';
import type { LogLevel } from '../common/Logger';
import type { Core } from '../core/Core';

type Log = (level: LogLevel, msg: string, extra?: unknown) => void;

/** Starts following; the returned function stops. */
export function followAppBadge(core: Core, setCount: (count: number) => void, log: Log): () => void {
  const unread = new Map<string, UnreadSummary>();
  let onRail = new Set<string>();
  let muted = new Set<string>();
  let shown = -1;

  const show = (): void => {
    let count = 0;
    for (const [id, summary] of unread) if (onRail.has(id) && !muted.has(id)) count += Math.max(summary.total, summary.mentions);
    if (count === shown) return;
    shown = count;
    setCount(count);
  };
  const setWorkspaces = (list: readonly Workspace[]): void => {
    onRail = new Set(list.filter((w) => !w.archived).map((w) => w.id));
  };
  const setSettings = (settings: Settings): void => {
    muted = new Set(settings.mutedWorkspaceIds);
  };
  const load = async (): Promise<void> => {
    const [settings, list] = await Promise.all([core.dispatch('settings.get', {}), core.dispatch('workspace.list', {})]);
    if (settings.ok) setSettings(settingsSchema.parse(settings.value));
    if (!list.ok) return;
    const workspaces = workspaceSchema.array().parse(list.value);
    setWorkspaces(workspaces);
    for (const w of workspaces) {
      const summary = await core.dispatch('read.summary', { workspaceId: w.id });
      // An event that arrived meanwhile is newer than this answer.
      if (summary.ok && !unread.has(w.id)) unread.set(w.id, unreadSummarySchema.parse(summary.value));
    }
    show();
  };

  const stop = core.onEvent((event, payload) => {
    if (event === 'unread.changed') {
      const summary = unreadSummarySchema.parse(payload);
      unread.set(summary.workspaceId, summary);
    } else if (event === 'settings.changed') {
      setSettings(settingsSchema.parse(payload));
    } else if (event === 'workspaces.changed') {
      setWorkspaces(workspaceSchema.array().parse((payload as { workspaces: unknown }).workspaces));
    } else {
      return;
    }
    show();
  });
  load().catch((err: unknown) => log('warn', 'The app badge could not load the unread counts', err));
  return stop;
}
