/**
 * `qwanyx invite create <workspace> <email> --role R`,
 * `qwanyx invite accept <token> --relay <url>`, which creates the workspace
 * on this device and downloads it before exiting, and `qwanyx invite list
 * --workspace W` and `invite revoke --workspace W <invitation id>`.
 */
import { callCore, parseInput } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { timeoutMs } from '../../cli/timeoutMs';
import { describeSyncStatus } from './syncCommand';

/** Invitations to a synced workspace. */
export const inviteCommand: CliCommand = {
  name: 'invite',
  subcommands: {
    create: {
      usage: 'invite create <workspace id> <email> --role <admin|member|guest> [--json]',
      flags: { role: 'string', json: 'boolean' },
      positionals: 2,
      async run({ core, flags, out }, [workspaceId, email]) {
        if (typeof flags.role !== 'string') throw new CliUsageError('invite create needs --role <admin|member|guest>');
        // The role is free text here: checked as the core checks it, with the same message.
        const input = parseInput('invite.create', { workspaceId, email, role: flags.role });
        const invitation = await callCore(core, 'invite.create', input);
        if (flags.json) out(JSON.stringify(invitation));
        else {
          out(`Invited ${invitation.email} as ${invitation.role} (expires ${invitation.expiresAt}). They join with:`);
          out(`qwanyx invite accept ${invitation.token} --relay ${invitation.relayUrl}`);
        }
      },
    },
    list: {
      usage: 'invite list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const invitations = await callCore(core, 'invite.list', { workspaceId });
        if (flags.json) return out(JSON.stringify(invitations));
        if (invitations.length === 0) out('No invitations.');
        for (const i of invitations) out(`${i.state.padEnd(8)} ${i.role.padEnd(6)} ${i.email}  expires ${i.expiresAt}  ${i.id}`);
      },
    },
    revoke: {
      usage: 'invite revoke --workspace W <invitation id> [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [invitationId]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const invitations = await callCore(core, 'invite.revoke', { workspaceId, invitationId: invitationId! });
        out(flags.json ? JSON.stringify(invitations) : `Revoked invitation ${invitationId}.`);
      },
    },
    accept: {
      usage: 'invite accept <token> --relay <url> [--json]',
      flags: { relay: 'string', json: 'boolean', timeout: 'string' },
      positionals: 1,
      async run({ core, flags, out }, [token]) {
        if (typeof flags.relay !== 'string') throw new CliUsageError('invite accept needs --relay <url>, the relay the invitation came from');
        const joined = await callCore(core, 'invite.accept', { relayUrl: flags.relay, token: token! });
        await core.sync.waitUntilSettled([joined.id], timeoutMs(flags.timeout, 60));
        const workspace = core.workspaces.get(joined.id);
        const status = core.sync.statusOf(joined.id);
        out(flags.json ? JSON.stringify({ workspace, status }) : `Joined ${workspace.name} (${workspace.id}): ${describeSyncStatus(status)}`);
      },
    },
  },
};
