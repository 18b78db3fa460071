/** `qwanyx dh create|list|tools|archive|restore|delete`: digital humans of a workspace. */
import { DH_TOOL_NAMES, type DhToolName, type DigitalHuman } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand, CliSubcommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { resolveDh, resolveWorkspace } from '../../cli/resolveTargets';

/** One line for a DH: `@juno  Juno  <id>  (Planning coach, model llama3.1:8b, archived)`. */
export function describeDh(dh: DigitalHuman): string {
  const extras = [dh.title, dh.model ? `model ${dh.model}` : '', dh.archived ? 'archived' : ''].filter((x) => x.length > 0);
  const handle = dh.handle.includes('@') ? ` <${dh.handle}>` : '';
  return `@${dh.mentionHandle}  ${dh.name}${handle}  ${dh.id}${extras.length > 0 ? `  (${extras.join(', ')})` : ''}`;
}

/** The groups of `--set memory,post,connectors` (empty: none). */
function toolGroups(flag: string | boolean): DhToolName[] {
  if (typeof flag !== 'string') throw new CliUsageError(`--set takes tool groups separated by commas: ${DH_TOOL_NAMES.join(', ')}`);
  const words = flag.split(',').map((w) => w.trim()).filter((w) => w !== '');
  const unknown = words.filter((w) => !(DH_TOOL_NAMES as readonly string[]).includes(w));
  if (unknown.length > 0) throw new CliUsageError(`unknown tool group ${unknown.join(', ')}; the groups are ${DH_TOOL_NAMES.join(', ')}`);
  return words as DhToolName[];
}

/** `dh archive` and `dh restore`: one usage line in --help for both. */
function archiveSubcommand(archived: boolean): CliSubcommand {
  return {
    usage: 'dh archive|restore --workspace W --dh D [--json]',
    flags: { workspace: 'string', dh: 'string', json: 'boolean' },
    async run({ core, flags, out }) {
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const target = await resolveDh(core, workspaceId, flags.dh);
      const dh = await callCore(core, 'dh.archive', { workspaceId, dhId: target.id, archived });
      out(flags.json ? JSON.stringify(dh) : `${archived ? 'Archived' : 'Restored'} ${describeDh(dh)}`);
    },
  };
}

/** The digital humans of a workspace. */
export const dhCommand: CliCommand = {
  name: 'dh',
  subcommands: {
    create: {
      usage: 'dh create --workspace W --name N [--handle H] [--title T] [--persona P] [--model M] [--template T] [--json]',
      notes: ['(templates: support-agent, sales-assistant, project-coordinator,', ' devops-assistant, adhd-planning-coach)'],
      flags: { workspace: 'string', name: 'string', handle: 'string', title: 'string', persona: 'string', model: 'string', template: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        if (typeof flags.name !== 'string' && typeof flags.template !== 'string') throw new CliUsageError('dh create needs --name <name> (or --template <id>)');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        // Only the flags given: a field left out comes from the template, or a default.
        const dh = await callCore(core, 'dh.create', {
          workspaceId,
          ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
          ...(typeof flags.handle === 'string' ? { handle: flags.handle } : {}),
          ...(typeof flags.title === 'string' ? { title: flags.title } : {}),
          ...(typeof flags.persona === 'string' ? { persona: flags.persona } : {}),
          ...(typeof flags.model === 'string' ? { model: flags.model } : {}),
          ...(typeof flags.template === 'string' ? { template: flags.template } : {}),
        });
        out(flags.json ? JSON.stringify(dh) : `Created ${describeDh(dh)}`);
      },
    },
    list: {
      usage: 'dh list --workspace W [--all] [--json]',
      flags: { workspace: 'string', all: 'boolean', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const list = await callCore(core, 'dh.list', { workspaceId, includeArchived: flags.all === true });
        if (flags.json) out(JSON.stringify(list));
        else if (list.length === 0) out('No digital humans.');
        else for (const dh of list) out(describeDh(dh));
      },
    },
    tools: {
      usage: 'dh tools --workspace W --dh D [--set G,G…] [--json]',
      notes: [`(groups: ${DH_TOOL_NAMES.join(', ')}; without --set, shows them)`],
      flags: { workspace: 'string', dh: 'string', set: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const tools = flags.set === undefined ? null : toolGroups(flags.set);
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const target = await resolveDh(core, workspaceId, flags.dh);
        const dh = tools === null ? target : await callCore(core, 'dh.update', { workspaceId, dhId: target.id, tools });
        out(flags.json ? JSON.stringify(dh.tools) : `${dh.name}: ${dh.tools.length > 0 ? dh.tools.join(', ') : 'no tools'}`);
      },
    },
    archive: archiveSubcommand(true),
    restore: archiveSubcommand(false),
    delete: {
      usage: 'dh delete --workspace W --dh D --confirm <name>',
      notes: ['(its memories and tasks too)'],
      flags: { workspace: 'string', dh: 'string', confirm: 'string' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const target = await resolveDh(core, workspaceId, flags.dh);
        // Its memories and tasks go with it: ask for the name, as deleting a workspace does.
        if (flags.confirm !== target.name) throw new CliUsageError(`dh delete needs --confirm "${target.name}" (its memories and tasks are deleted too)`);
        await callCore(core, 'dh.delete', { workspaceId, dhId: target.id });
        out(`Deleted ${target.name}`);
      },
    },
  },
};
