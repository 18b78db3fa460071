/**
 * `qwanyx sync status [--json] [--timeout S]`.
 *
 * The CLI is a short-lived process, so a stored state would only say "not
 * connected". Instead it connects every linked workspace, waits until each
 * one is settled (synced, offline after a failed attempt, or in error; at
 * most --timeout seconds, default 20), reports, and exits. Local changes the
 * CLI or anything else wrote are uploaded on the way.
 */
import type { WorkspaceSyncStatus } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { timeoutMs } from '../../cli/timeoutMs';

/** One line about a workspace's sync: `synced`, `offline: reason (3 changes not yet on the relay)`. */
export function describeSyncStatus(status: WorkspaceSyncStatus): string {
  const reason = status.reason && (status.state === 'offline' || status.state === 'error') ? `: ${status.reason}` : '';
  const pending = status.pending > 0 ? ` (${status.pending} local change${status.pending === 1 ? '' : 's'} not yet on the relay)` : '';
  return `${status.state}${reason}${pending}`;
}

/** The sync of the linked workspaces. */
export const syncCommand: CliCommand = {
  name: 'sync',
  subcommands: {
    status: {
      usage: 'sync status [--json] [--timeout S]',
      notes: ['(connects, waits until settled, reports)'],
      flags: { json: 'boolean', timeout: 'string' },
      async run({ core, flags, out }) {
        const linked = (await callCore(core, 'sync.status', {})).filter((s) => s.state !== 'local-only');
        for (const status of linked) core.sync.connect(status.workspaceId);
        await core.sync.waitUntilSettled(
          linked.map((s) => s.workspaceId),
          timeoutMs(flags.timeout, 20),
        );
        const statuses = await callCore(core, 'sync.status', {});
        if (flags.json) {
          out(JSON.stringify(statuses));
          return;
        }
        const names = new Map((await callCore(core, 'workspace.list', { includeArchived: true })).map((w) => [w.id, w.name]));
        for (const status of statuses) {
          const relay = status.relayUrl ? `  ${status.relayUrl} as ${status.accountEmail} (${status.role})` : '';
          out(`${status.workspaceId}  ${names.get(status.workspaceId) ?? ''}  ${describeSyncStatus(status)}${relay}`);
        }
      },
    },
  },
};
