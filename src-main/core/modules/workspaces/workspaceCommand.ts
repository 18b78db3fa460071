/**
 * `qwanyx workspace create|list|rename|delete|link`.
 */
import type { Workspace, WorkspaceSyncStatus } from '../../../common/contract';
import { callCore as call, expectArgs, timeoutMs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import type { CliContext } from '../../cli/CliContext';
import { describeSyncStatus } from '../sync/syncCommand';

function describe(ws: Workspace): string {
  const opened = ws.lastOpenedAt ? new Date(ws.lastOpenedAt).toISOString() : 'never';
  return `${ws.id}  ${ws.name}  (${ws.kind}${ws.archived ? ', archived' : ''}, ${ws.color}, last opened ${opened})`;
}

export async function workspaceCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'create': {
      ctx.allowFlags(['solo', 'json']);
      expectArgs(rest, 1, 'workspace create <name> [--solo] [--json]');
      const ws = await call<Workspace>(core, 'workspace.create', { name: rest[0], kind: flags.solo ? 'solo' : 'team' });
      out(flags.json ? JSON.stringify(ws) : `Created ${describe(ws)}`);
      return;
    }
    case 'list': {
      ctx.allowFlags(['json', 'all']);
      expectArgs(rest, 0, 'workspace list [--all] [--json]');
      const list = await call<Workspace[]>(core, 'workspace.list', { includeArchived: flags.all === true });
      if (flags.json) out(JSON.stringify(list));
      else if (list.length === 0) out('No workspaces.');
      else for (const ws of list) out(describe(ws));
      return;
    }
    case 'rename': {
      ctx.allowFlags(['json']);
      expectArgs(rest, 2, 'workspace rename <id> <name>');
      const ws = await call<Workspace>(core, 'workspace.rename', { id: rest[0], name: rest[1] });
      out(flags.json ? JSON.stringify(ws) : `Renamed ${describe(ws)}`);
      return;
    }
    case 'delete': {
      ctx.allowFlags(['confirm', 'json']);
      expectArgs(rest, 1, 'workspace delete <id> --confirm <name>');
      if (typeof flags.confirm !== 'string') {
        throw new CliUsageError('workspace delete needs --confirm <name>, the exact name of the workspace');
      }
      const done = await call<{ id: string }>(core, 'workspace.delete', { id: rest[0], confirmName: flags.confirm });
      out(flags.json ? JSON.stringify(done) : `Deleted workspace ${done.id}`);
      return;
    }
    case 'link': {
      ctx.allowFlags(['relay', 'json', 'timeout']);
      expectArgs(rest, 1, 'workspace link <id> --relay <url> [--json]');
      if (typeof flags.relay !== 'string') throw new CliUsageError('workspace link needs --relay <url>, the address of the relay');
      const linked = await call<WorkspaceSyncStatus>(core, 'workspace.link', { id: rest[0], relayUrl: flags.relay });
      // The CLI exits when the command ends: wait for the upload before reporting.
      await core.sync.waitUntilSettled([linked.workspaceId], timeoutMs(flags.timeout, 60));
      const status = core.sync.statusOf(linked.workspaceId);
      out(flags.json ? JSON.stringify(status) : `Linked ${status.workspaceId} to ${status.relayUrl}: ${describeSyncStatus(status)}`);
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx workspace <create|list|rename|delete|link> …');
  }
}
