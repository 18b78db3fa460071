/**
 * `qwanyx sync status [--json] [--timeout S]`.
 *
 * The CLI is a short-lived process, so a stored state would only say "not
 * connected". Instead it connects every linked workspace, waits until each
 * one is settled (synced, offline after a failed attempt, or in error; at
 * most --timeout seconds, default 20), reports, and exits. Local changes the
 * CLI or anything else wrote are uploaded on the way.
 */
import type { Workspace, WorkspaceSyncStatus } from '../../../common/contract';
import { callCore, expectArgs, timeoutMs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import type { CliContext } from '../../cli/CliContext';

/** One line about a workspace's sync: `synced`, `offline: reason (3 changes not yet on the relay)`. */
export function describeSyncStatus(status: WorkspaceSyncStatus): string {
  const reason = status.reason && (status.state === 'offline' || status.state === 'error') ? `: ${status.reason}` : '';
  const pending = status.pending > 0 ? ` (${status.pending} local change${status.pending === 1 ? '' : 's'} not yet on the relay)` : '';
  return `${status.state}${reason}${pending}`;
}

export async function syncCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  if (sub !== 'status') throw new CliUsageError('usage: qwanyx sync status [--json] [--timeout S]');
  ctx.allowFlags(['json', 'timeout']);
  expectArgs(rest, 0, 'sync status [--json] [--timeout S]');
  const linked = (await callCore<WorkspaceSyncStatus[]>(core, 'sync.status', {})).filter((s) => s.state !== 'local-only');
  for (const status of linked) core.sync.connect(status.workspaceId);
  await core.sync.waitUntilSettled(
    linked.map((s) => s.workspaceId),
    timeoutMs(flags.timeout, 20),
  );
  const statuses = await callCore<WorkspaceSyncStatus[]>(core, 'sync.status', {});
  if (flags.json) {
    out(JSON.stringify(statuses));
    return;
  }
  const names = new Map((await callCore<Workspace[]>(core, 'workspace.list', { includeArchived: true })).map((w) => [w.id, w.name]));
  for (const status of statuses) {
    const relay = status.relayUrl ? `  ${status.relayUrl} as ${status.accountEmail} (${status.role})` : '';
    out(`${status.workspaceId}  ${names.get(status.workspaceId) ?? ''}  ${describeSyncStatus(status)}${relay}`);
  }
}
