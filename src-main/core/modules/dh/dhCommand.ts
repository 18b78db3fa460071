/** `qwanyx dh create|list|archive|delete`: digital humans of a workspace. */
import type { DigitalHuman } from '../../../common/contract';
import type { Core } from '../../createCore';
import { callCore as call, expectArgs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import type { CliContext } from '../../cli/CliContext';

/** One line for a DH: `@juno  Juno  <id>  (Planning coach, model llama3.1:8b, archived)`. */
export function describeDh(dh: DigitalHuman): string {
  const extras = [dh.title, dh.model ? `model ${dh.model}` : '', dh.archived ? 'archived' : ''].filter((x) => x.length > 0);
  const handle = dh.handle.includes('@') ? ` <${dh.handle}>` : '';
  return `@${dh.mentionHandle}  ${dh.name}${handle}  ${dh.id}${extras.length > 0 ? `  (${extras.join(', ')})` : ''}`;
}

/** The DH given as `--dh` (an id, a handle, or `@handle`). */
export async function resolveDh(core: Core, workspaceId: string, flag: string | boolean | undefined): Promise<DigitalHuman> {
  if (typeof flag !== 'string' || flag.length === 0) throw new CliUsageError('this command needs --dh <id or handle>');
  return call<DigitalHuman>(core, 'dh.get', { workspaceId, dh: flag });
}

export async function dhCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'create': {
      ctx.allowFlags(['workspace', 'name', 'handle', 'title', 'persona', 'model', 'template', 'json']);
      expectArgs(rest, 0, 'dh create --workspace W --name N --handle H [--title T] [--persona P] [--model M] [--template T] [--json]');
      if (typeof flags.name !== 'string' && typeof flags.template !== 'string') throw new CliUsageError('dh create needs --name <name> (or --template <id>)');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const input: Record<string, unknown> = { workspaceId };
      for (const key of ['name', 'handle', 'title', 'persona', 'model', 'template'] as const) {
        if (typeof flags[key] === 'string') input[key] = flags[key];
      }
      const dh = await call<DigitalHuman>(core, 'dh.create', input);
      out(flags.json ? JSON.stringify(dh) : `Created ${describeDh(dh)}`);
      return;
    }
    case 'list': {
      ctx.allowFlags(['workspace', 'all', 'json']);
      expectArgs(rest, 0, 'dh list --workspace W [--all] [--json]');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const list = await call<DigitalHuman[]>(core, 'dh.list', { workspaceId, includeArchived: flags.all === true });
      if (flags.json) out(JSON.stringify(list));
      else if (list.length === 0) out('No digital humans.');
      else for (const dh of list) out(describeDh(dh));
      return;
    }
    case 'archive':
    case 'restore': {
      ctx.allowFlags(['workspace', 'dh', 'json']);
      expectArgs(rest, 0, `dh ${sub} --workspace W --dh D [--json]`);
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const target = await resolveDh(core, workspaceId, flags.dh);
      const dh = await call<DigitalHuman>(core, 'dh.archive', { workspaceId, dhId: target.id, archived: sub === 'archive' });
      out(flags.json ? JSON.stringify(dh) : `${sub === 'archive' ? 'Archived' : 'Restored'} ${describeDh(dh)}`);
      return;
    }
    case 'delete': {
      ctx.allowFlags(['workspace', 'dh', 'confirm']);
      expectArgs(rest, 0, 'dh delete --workspace W --dh D --confirm <name>');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const target = await resolveDh(core, workspaceId, flags.dh);
      // Its memories and tasks go with it: ask for the name, as deleting a workspace does.
      if (flags.confirm !== target.name) throw new CliUsageError(`dh delete needs --confirm "${target.name}" (its memories and tasks are deleted too)`);
      await call(core, 'dh.delete', { workspaceId, dhId: target.id });
      out(`Deleted ${target.name}`);
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx dh <create|list|archive|restore|delete> --workspace W …');
  }
}
