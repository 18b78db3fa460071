/**
 * `qwanyx quota list|set|clear`: the daily limits on what digital humans
 * use, for the workspace, the default member or DH, or one member or DH
 * (owners and admins change them).
 */
import type { Core } from '../../Core';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import type { FlagValue } from '../../cli/CliContext';
import { CliUsageError } from '../../cli/CliError';
import { resolveDh, resolveWorkspace } from '../../cli/resolveTargets';

const TARGET_FLAGS = { workspace: 'string', member: 'string', dh: 'string', 'all-members': 'boolean', 'all-dhs': 'boolean', json: 'boolean' } as const;

/** A limit flag: a whole number, `none` (no limit), or not given. */
function limitOf(flag: FlagValue, name: string): number | null | undefined {
  if (flag === undefined) return undefined;
  if (flag === 'none') return null;
  const text = String(flag);
  if (!/^\d{1,13}$/.test(text) || Number(text) > 1e12) throw new CliUsageError(`--${name} takes a whole number from 0 to 10^12, or "none"`);
  return Number(text);
}

async function memberId(core: Core, workspaceId: string, ref: string): Promise<string> {
  const bare = ref.replace(/^@/, '').toLowerCase();
  const found = (await callCore(core, 'member.list', { workspaceId })).find((m) => m.kind === 'user' && (m.id === ref || m.handle === bare || m.email?.toLowerCase() === bare));
  if (!found) throw new CliUsageError(`No member ${ref} in this workspace (see qwanyx member list)`);
  return found.id;
}

/** The scope the flags name: the workspace, a default, or one member or DH. */
async function scopeOf(core: Core, workspaceId: string, flags: Record<string, FlagValue>): Promise<{ scope: 'workspace' | 'member' | 'dh'; id?: string }> {
  const given = ['member', 'dh', 'all-members', 'all-dhs'].filter((f) => flags[f] !== undefined);
  if (given.length > 1) throw new CliUsageError('Give one of --member M, --dh D, --all-members, --all-dhs (none: the whole workspace)');
  if (typeof flags.member === 'string') return { scope: 'member', id: await memberId(core, workspaceId, flags.member) };
  if (typeof flags.dh === 'string') return { scope: 'dh', id: (await resolveDh(core, workspaceId, flags.dh)).id };
  if (flags['all-members']) return { scope: 'member' };
  if (flags['all-dhs']) return { scope: 'dh' };
  return { scope: 'workspace' };
}

export const quotaCommand: CliCommand = {
  name: 'quota',
  subcommands: {
    list: {
      usage: 'quota list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const q = await callCore(core, 'quota.get', { workspaceId });
        if (flags.json) return out(JSON.stringify(q));
        const show = (l: { tokens: number | null; toolCalls: number | null; messages: number | null }): string =>
          `tokens ${l.tokens ?? 'none'}, tool calls ${l.toolCalls ?? 'none'}, messages ${l.messages ?? 'none'}`;
        out(`workspace      ${show(q.workspace)}`);
        out(`each member    ${show(q.member)}`);
        for (const [id, l] of Object.entries(q.members)) out(`member ${id}  ${show(l)}`);
        out(`each DH        ${show(q.dh)}`);
        for (const [id, l] of Object.entries(q.dhs)) out(`dh ${id}  ${show(l)}`);
      },
    },
    set: {
      usage: 'quota set --workspace W [--member M | --dh D | --all-members | --all-dhs]\n    [--tokens N|none] [--tool-calls N|none] [--messages N|none] [--json]',
      notes: ['(daily limits; without a target, for the whole workspace)'],
      flags: { ...TARGET_FLAGS, tokens: 'string', 'tool-calls': 'string', messages: 'string' },
      async run({ core, flags, out }) {
        const limits = { tokens: limitOf(flags.tokens, 'tokens'), toolCalls: limitOf(flags['tool-calls'], 'tool-calls'), messages: limitOf(flags.messages, 'messages') };
        const given = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) as Record<string, number | null>;
        if (Object.keys(given).length === 0) throw new CliUsageError('Give at least one of --tokens, --tool-calls, --messages');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const target = await scopeOf(core, workspaceId, flags);
        const q = await callCore(core, 'quota.set', { workspaceId, ...target, limits: given });
        out(flags.json ? JSON.stringify(q) : 'Quota set.');
      },
    },
    clear: {
      usage: 'quota clear --workspace W [--member M | --dh D | --all-members | --all-dhs] [--json]',
      notes: ['(removes those limits: one member or DH falls back to the default)'],
      flags: TARGET_FLAGS,
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const target = await scopeOf(core, workspaceId, flags);
        const q = await callCore(core, 'quota.set', { workspaceId, ...target, clear: true });
        out(flags.json ? JSON.stringify(q) : 'Quota cleared.');
      },
    },
  },
};
