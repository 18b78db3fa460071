/**
 * `qwanyx workspace create|list|rename|delete|link|check|rebuild|recover`.
 */
import type { Workspace } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { describeSnapshot } from '../backups/backupCommand';
import { rebuildSubcommand, recoverSubcommand } from '../backups/recoveryCommands';
import { exportSubcommand, importSubcommand } from '../export/exportCommands';
import { timeoutMs } from '../../cli/timeoutMs';
import { describeSyncStatus } from '../sync/syncCommand';

function describe(ws: Workspace): string {
  const opened = ws.lastOpenedAt ? new Date(ws.lastOpenedAt).toISOString() : 'never';
  return `${ws.id}  ${ws.name}  (${ws.kind}${ws.archived ? ', archived' : ''}, ${ws.color}, last opened ${opened})`;
}

/** The workspaces on this device. */
export const workspaceCommand: CliCommand = {
  name: 'workspace',
  subcommands: {
    create: {
      usage: 'workspace create <name> [--solo] [--json]',
      flags: { solo: 'boolean', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [name]) {
        const ws = await callCore(core, 'workspace.create', { name: name!, kind: flags.solo ? 'solo' : 'team' });
        out(flags.json ? JSON.stringify(ws) : `Created ${describe(ws)}`);
      },
    },
    list: {
      usage: 'workspace list [--all] [--json]',
      flags: { all: 'boolean', json: 'boolean' },
      async run({ core, flags, out }) {
        const list = await callCore(core, 'workspace.list', { includeArchived: flags.all === true });
        if (flags.json) out(JSON.stringify(list));
        else if (list.length === 0) out('No workspaces.');
        else {
          const damaged = new Set((await callCore(core, 'workspace.damagedList', {})).map((d) => d.workspaceId));
          for (const ws of list) out(`${describe(ws)}${damaged.has(ws.id) ? `  DAMAGED: qwanyx workspace check ${ws.id}` : ''}`);
        }
      },
    },
    rename: {
      usage: 'workspace rename <id> <name>',
      flags: { json: 'boolean' },
      positionals: 2,
      async run({ core, flags, out }, [id, name]) {
        const ws = await callCore(core, 'workspace.rename', { id: id!, name: name! });
        out(flags.json ? JSON.stringify(ws) : `Renamed ${describe(ws)}`);
      },
    },
    delete: {
      usage: 'workspace delete <id> --confirm <name>',
      flags: { confirm: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [id]) {
        if (typeof flags.confirm !== 'string') {
          throw new CliUsageError('workspace delete needs --confirm <name>, the exact name of the workspace');
        }
        const done = await callCore(core, 'workspace.delete', { id: id!, confirmName: flags.confirm });
        out(flags.json ? JSON.stringify(done) : `Deleted workspace ${done.id}`);
      },
    },
    link: {
      usage: 'workspace link <id> --relay <url> [--json]',
      flags: { relay: 'string', json: 'boolean', timeout: 'string' },
      positionals: 1,
      async run({ core, flags, out }, [id]) {
        if (typeof flags.relay !== 'string') throw new CliUsageError('workspace link needs --relay <url>, the address of the relay');
        const linked = await callCore(core, 'workspace.link', { id: id!, relayUrl: flags.relay });
        // The CLI exits when the command ends: wait for the upload before reporting.
        await core.sync.waitUntilSettled([linked.workspaceId], timeoutMs(flags.timeout, 60));
        const status = core.sync.statusOf(linked.workspaceId);
        out(flags.json ? JSON.stringify(status) : `Linked ${status.workspaceId} to ${status.relayUrl}: ${describeSyncStatus(status)}`);
      },
    },
    check: {
      usage: 'workspace check <id or name> [--json]',
      notes: ['(checks its database file; exit code 1 when it is damaged)'],
      flags: { json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [target]) {
        const id = await resolveWorkspace(core, target);
        const check = await callCore(core, 'workspace.check', { id });
        const latest = check.latestSnapshot ? `latest snapshot ${describeSnapshot(check.latestSnapshot)}` : 'no snapshot yet';
        if (flags.json) out(JSON.stringify(check));
        else if (check.ok) out(`Workspace ${id} is sound (${latest}).`);
        if (check.ok) return;
        const next = `${
          check.latestSnapshot ? `To restore its ${latest}, run: qwanyx backup restore --workspace ${id}.` : 'It has no snapshot to restore; its file is kept as it is.'
        } Or rebuild it from its relay if it is linked (qwanyx workspace rebuild ${id} --from-relay), or copy what is still readable into a new workspace (qwanyx workspace recover ${id}).`;
        throw new CliCommandError('WORKSPACE_DAMAGED', `Workspace ${id} is damaged: ${check.problems.join('; ')}. ${next}`);
      },
    },
    rebuild: rebuildSubcommand,
    recover: recoverSubcommand,
    export: exportSubcommand,
    import: importSubcommand,
  },
};
