/**
 * `qwanyx member list --workspace W [--json]` (a local-only workspace lists
 * its owner), `member role --workspace W <user> <role>`, `member remove
 * --workspace W <user>`, `member expiry --workspace W <user> <YYYY-MM-DD|never>`.
 * A user is named by id or email.
 */
import type { MemberList, WorkspaceMember } from '../../../common/contract';
import { callCore, parseInput } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import type { Core } from '../../Core';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';

export async function findMember(core: Core, workspaceId: string, who: string): Promise<WorkspaceMember> {
  const list = await callCore(core, 'members.list', { workspaceId });
  const wanted = who.toLowerCase();
  const member = list.members.find((m) => m.userId === who || m.email.toLowerCase() === wanted);
  if (!member) throw new CliUsageError(`No member ${who} in this workspace; see qwanyx member list --workspace ${workspaceId}`);
  return member;
}

function print(out: (line: string) => void, list: MemberList, json: boolean): void {
  if (json) return out(JSON.stringify(list));
  if (list.solo) out('Local-only workspace: one person, its owner, no invitations.');
  for (const m of list.members) {
    const expiry = m.expiresAt !== null ? `  until ${new Date(m.expiresAt).toISOString().slice(0, 10)}` : '';
    out(`${m.role.padEnd(6)} ${m.displayName}${m.email && m.email !== m.displayName ? ` <${m.email}>` : ''}  ${m.userId}${m.you ? '  (you)' : ''}${expiry}`);
  }
}

/** End of the given day (UTC), from `YYYY-MM-DD`; null for `never`. */
function parseExpiry(text: string): number | null {
  if (text === 'never') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T23:59:59Z`))) throw new CliUsageError(`Expiry must be a date (YYYY-MM-DD) or never, not ${text}`);
  return Date.parse(`${text}T23:59:59Z`);
}

export const memberCommand: CliCommand = {
  name: 'member',
  subcommands: {
    list: {
      usage: 'member list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        print(out, await callCore(core, 'members.list', { workspaceId }), flags.json === true);
      },
    },
    role: {
      usage: 'member role --workspace W <user id|email> <owner|admin|member|guest> [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 2,
      async run({ core, flags, out }, [who, role]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const member = await findMember(core, workspaceId, who!);
        const input = parseInput('members.setRole', { workspaceId, userId: member.userId, role });
        print(out, await callCore(core, 'members.setRole', input), flags.json === true);
      },
    },
    remove: {
      usage: 'member remove --workspace W <user id|email> [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [who]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const member = await findMember(core, workspaceId, who!);
        print(out, await callCore(core, 'members.remove', { workspaceId, userId: member.userId }), flags.json === true);
      },
    },
    expiry: {
      usage: 'member expiry --workspace W <user id|email> <YYYY-MM-DD|never> [--json]',
      notes: ['(when a guest’s access ends, end of that day UTC)'],
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 2,
      async run({ core, flags, out }, [who, date]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const member = await findMember(core, workspaceId, who!);
        print(out, await callCore(core, 'members.setExpiry', { workspaceId, userId: member.userId, expiresAt: parseExpiry(date!) }), flags.json === true);
      },
    },
  },
};
