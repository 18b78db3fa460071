/**
 * `qwanyx workspace create|list|rename|delete`.
 */
import type { Workspace } from '../../common/contract';
import type { Core } from '../../core/createCore';
import { CliCommandError, CliUsageError } from './CliError';
import type { CliContext } from './runCli';

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new CliCommandError(result.error.code, result.error.message);
  return result.value as T;
}

function expectArgs(args: string[], count: number, usage: string): void {
  if (args.length !== count) throw new CliUsageError(`usage: qwanyx ${usage}`);
}

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
    default:
      throw new CliUsageError('usage: qwanyx workspace <create|list|rename|delete> …');
  }
}
