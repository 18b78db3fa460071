/**
 * `qwanyx role list|define|assign`: a workspace's custom roles (a built-in
 * base plus grants, optionally limited to some rooms or digital humans) and
 * who holds one. Owners and admins change them; everyone may list them.
 */
import type { CustomRole } from '../../../common/contract';
import { callCore, parseInput } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { findMember } from './memberCommand';

/** `message.delete:any;dh.use=dh1,dh2` → grants. */
export function parseGrants(text: string): { permission: string; resources: string[] | null }[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [permission, resources] = part.split('=', 2) as [string, string | undefined];
      if (resources === undefined) return { permission: permission.trim(), resources: null };
      const list = resources.split(',').map((r) => r.trim()).filter(Boolean);
      if (list.length === 0) throw new CliUsageError(`--grants: ${part} names no room or digital human after "="`);
      return { permission: permission.trim(), resources: list };
    });
}

function describe(role: CustomRole): string {
  const grants = role.grants.map((g) => (g.resources ? `${g.permission}=${g.resources.join(',')}` : g.permission)).join('; ');
  return `${role.id}  ${role.name}  (${role.base}${grants ? ` + ${grants}` : ''})`;
}

export const roleCommand: CliCommand = {
  name: 'role',
  subcommands: {
    list: {
      usage: 'role list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const roles = await callCore(core, 'roles.list', { workspaceId });
        if (flags.json) out(JSON.stringify(roles));
        else if (roles.length === 0) out('No custom roles: everyone has owner, admin, member or guest.');
        else for (const role of roles) out(describe(role));
      },
    },
    define: {
      usage: 'role define --workspace W <id> --name N --base member|guest|admin [--grants "perm[=id,id];perm"] [--json]',
      notes: ['(creates or replaces the role; e.g. --grants "message.delete:any;room.read:private=r1,r2")'],
      flags: { workspace: 'string', name: 'string', base: 'string', grants: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [id]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        if (typeof flags.name !== 'string') throw new CliUsageError('role define needs --name (what people see)');
        if (typeof flags.base !== 'string') throw new CliUsageError('role define needs --base member, guest or admin');
        const grants = typeof flags.grants === 'string' ? parseGrants(flags.grants) : [];
        const input = parseInput('roles.define', { workspaceId, id, name: flags.name, base: flags.base, grants });
        const role = await callCore(core, 'roles.define', input);
        out(flags.json ? JSON.stringify(role) : `Role ${describe(role)}`);
      },
    },
    assign: {
      usage: 'role assign --workspace W <user id|email> <role id|none> [--json]',
      notes: ['(none takes the custom role back; their built-in role stays)'],
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 2,
      async run({ core, flags, out }, [who, role]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const member = await findMember(core, workspaceId, who!);
        const input = parseInput('roles.assign', { workspaceId, userId: member.userId, role: role === 'none' ? null : role });
        const done = await callCore(core, 'roles.assign', input);
        out(flags.json ? JSON.stringify(done) : done.role ? `${member.userId} now has the role ${done.role}.` : `${member.userId} has no custom role now.`);
      },
    },
  },
};
